package io.trunkline.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void idsAreVersion7UuidsInCreationOrder() {
        long before = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(MessageIds.next());
        }
        long after = System.currentTimeMillis();
        assertEquals(ids.size(), new HashSet<>(ids).size(), "unique");
        for (int i = 0; i < ids.size(); i++) {
            UUID u = UUID.fromString(ids.get(i));
            assertEquals(7, u.version(), ids.get(i));
            assertEquals(2, u.variant(), ids.get(i));
            long millis = u.getMostSignificantBits() >>> 16;
            assertTrue(millis >= before && millis <= after, "creation time in the first 48 bits: " + ids.get(i));
            if (i > 0) {
                // the text sorts as the primary key does: later ids go at the end of the index
                assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " before " + ids.get(i));
            }
        }
    }
}
