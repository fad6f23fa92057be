package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of a collect app's dataset, oldest first; {@code nextCursor} null on the last page. */
@Schema(name = "DatasetPage")
public record DatasetPage(List<Column> fields, List<Row> items, String nextCursor) {
    public record Column(String name, String type) {
    }

    public record Row(String id, String sender, Map<String, Object> fields, String inboundMessageId,
            Instant receivedAt) {
    }
}
