package io.trunkline.gateway;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Message ids: UUIDs of version 7 (RFC 9562), whose first 48 bits are the creation time in milliseconds. They are
 * still opaque UUIDs to tenants, but InnoDB inserts them at the end of the {@code sms_message} primary key instead of
 * at random pages, and the rows that status reports update (the recent ones) sit together in the buffer pool.
 */
public final class MessageIds {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private MessageIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
