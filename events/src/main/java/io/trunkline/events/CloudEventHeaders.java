package io.trunkline.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * CloudEvents binary-mode headers as Kafka carries them (CloudEvents Kafka protocol binding), plus
 * {@code tenantid}. {@code id} is unique per event and is what consumers de-duplicate on.
 */
public record CloudEventHeaders(String id, String type, String source, Instant time, String tenantId) {
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String TENANT_ID = "tenantid";
    public static final String CONTENT_TYPE = "content-type";
    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEventHeaders {
        Objects.requireNonNull(id, CE_ID);
        Objects.requireNonNull(type, CE_TYPE);
        Objects.requireNonNull(source, CE_SOURCE);
        Objects.requireNonNull(time, CE_TIME);
    }

    /** Fresh headers for a new event from {@code source} (a URI-reference naming the producing service). */
    public static CloudEventHeaders forEvent(TrunklineEvent event, String source) {
        return new CloudEventHeaders(UUID.randomUUID().toString(), EventType.of(event).ceType(), source, Instant.now(),
                event.tenantId());
    }

    /** The headers as Kafka header bytes, in a stable order. */
    public Map<String, byte[]> toKafkaHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(CE_SPECVERSION, bytes(SPEC_VERSION));
        headers.put(CE_ID, bytes(id));
        headers.put(CE_TYPE, bytes(type));
        headers.put(CE_SOURCE, bytes(source));
        headers.put(CE_TIME, bytes(time.toString()));
        headers.put(CONTENT_TYPE, bytes(JSON));
        if (tenantId != null) {
            headers.put(TENANT_ID, bytes(tenantId));
        }
        return headers;
    }

    /** Reads the headers back; a missing mandatory header is an {@link InvalidEventException}. */
    public static CloudEventHeaders fromKafkaHeaders(Map<String, byte[]> headers) {
        return new CloudEventHeaders(required(headers, CE_ID), required(headers, CE_TYPE), required(headers, CE_SOURCE),
                parseTime(required(headers, CE_TIME)), optional(headers, TENANT_ID));
    }

    private static Instant parseTime(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new InvalidEventException("header " + CE_TIME + " is not an RFC 3339 time: " + value, e);
        }
    }

    private static String required(Map<String, byte[]> headers, String name) {
        String value = optional(headers, name);
        if (value == null || value.isBlank()) {
            throw new InvalidEventException("missing header " + name);
        }
        return value;
    }

    private static String optional(Map<String, byte[]> headers, String name) {
        byte[] value = headers.get(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
