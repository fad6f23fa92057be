package io.trunkline.gateway.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.events.SmsEncoding;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.SmsSegmenter;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.config.KannelConfig;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Kannel's {@code sendsms} request mapped onto the gateway's own send: authentication by username (the tenant id or
 * the API key id) and password (the API key), Kannel's parameters read from the raw, still percent-encoded query or
 * form (so that {@code text} can be decoded with the request's {@code charset}), then {@link MessageService#send}.
 * Every refusal is a {@link Refusal} carrying the status and the text Kannel would answer.
 */
@ApplicationScoped
public class KannelSendService {
    public static final String AUTH_FAILED = "Authorization failed for sendsms";
    public static final String ACCEPTED = "0: Accepted for delivery";

    private final ApiKeyService keys;
    private final MessageService messages;
    private final RateLimitService rateLimit;
    private final GatewayConfig gateway;
    private final KannelConfig config;

    public KannelSendService(ApiKeyService keys, MessageService messages, RateLimitService rateLimit,
            GatewayConfig gateway, KannelConfig config) {
        this.keys = keys;
        this.messages = messages;
        this.rateLimit = rateLimit;
        this.gateway = gateway;
        this.config = config;
    }

    /** A sendsms refused: the HTTP status and Kannel's text; {@code retryAfter} only for 429. */
    public static final class Refusal extends RuntimeException {
        private final int status;
        private final Long retryAfter;

        public Refusal(int status, String text) {
            this(status, text, null);
        }

        Refusal(int status, String text, Long retryAfter) {
            super(text, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        public int status() {
            return status;
        }

        public Long retryAfter() {
            return retryAfter;
        }
    }

    /** The accepted message and the parameters that were accepted but have no effect here (told in a header). */
    public record Accepted(SmsMessage message, List<String> ignored) {
    }

    /**
     * Sends one message from Kannel's parameters; {@code raw} maps each parameter name to its value still
     * percent-encoded, as it came in the query string or form body.
     */
    public CompletionStage<Accepted> send(Map<String, String> raw) {
        TenantPrincipal tenant = authenticate(param(raw, "username", "user"), param(raw, "password", "pass"));

        List<String> ignored = new ArrayList<>();
        String to = param(raw, "to");
        if (to == null) {
            throw new Refusal(400, "Missing receiver number, rejected");
        }
        if (to.isBlank()) {
            throw new Refusal(400, "Empty receiver number not allowed, rejected");
        }
        if (to.trim().contains(" ")) {
            throw new Refusal(400, "Multiple receivers are not supported, rejected: send one request per receiver");
        }
        String from = param(raw, "from");
        if (from == null || from.isEmpty()) {
            throw new Refusal(400, "Sender missing and no global set, rejected");
        }
        if (raw.get("udh") != null && !raw.get("udh").isEmpty()) {
            throw new Refusal(400, "UDH field not supported, rejected: the gateway splits long texts itself");
        }
        int coding = intParam(raw, "coding", 0, 0, 2, "Coding field misformed, rejected");
        if (coding == 1) {
            throw new Refusal(400, "Coding field misformed, rejected: 8-bit binary messages are not supported");
        }
        intParam(raw, "mclass", -1, 0, 3, "Invalid Message Class");
        int dlrMask = intParam(raw, "dlr-mask", 0, 0, 31, "DLR-Mask field misformed, rejected");
        int validityMinutes = intParam(raw, "validity", 0, 0, Integer.MAX_VALUE, "Validity field misformed, rejected");
        if (raw.get("deferred") != null && !raw.get("deferred").isEmpty()) {
            throw new Refusal(400, "Deferred field not supported, rejected");
        }
        for (String p : List.of("mclass", "dlr-url", "smsc", "mwi", "compress", "pid", "alt-dcs", "rpi", "priority",
                "account", "meta-data")) {
            if (raw.get(p) != null) {
                ignored.add(p);
            }
        }
        if (dlrMask != 0) {
            ignored.add("dlr-mask");
        }
        String text = text(raw.get("text"), raw.get("charset") == null ? null : decode(raw.get("charset"),
                StandardCharsets.UTF_8), coding);
        if (text == null || text.isEmpty()) {
            throw new Refusal(400, "Empty text not allowed, rejected");
        }
        String binfo = param(raw, "binfo");
        Long validity = validityMinutes == 0 ? null : validityMinutes * 60L;

        RateLimitService.Decision limit = rateLimit.tryAcquire(tenant.tenantId());
        if (!limit.admitted()) {
            throw new Refusal(429, "Too many requests, rejected: this account may send " + limit.messagesPerSecond()
                    + " messages per second; retry after " + limit.retryAfterSeconds() + " s",
                    limit.retryAfterSeconds());
        }
        SendMessageRequest request = new SendMessageRequest(to.trim(), from, text, binfo, null, validity);
        CompletionStage<SmsMessage> sent;
        try {
            sent = coding == 2 ? sendUcs2(tenant, request) : messages.sendAsync(tenant, request);
        } catch (ProblemException e) {
            throw refusal(e);
        } catch (InMemoryOnly.NeedsWorker e) {
            rateLimit.refund(tenant.tenantId());
            throw e;
        }
        return sent.handle((m, failure) -> {
            if (failure == null) {
                return new Accepted(m, ignored);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                    : failure;
            if (cause instanceof ProblemException e) {
                throw refusal(e);
            }
            throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
        });
    }

    /** Kannel has no JSON problems: the first error becomes its text, named after Kannel's own where there is one. */
    private static Refusal refusal(ProblemException pe) {
        Problem p = pe.problem();
        if (p.status() == 400 && p.errors() != null && !p.errors().isEmpty()) {
            Problem.FieldError e = p.errors().get(0);
            String field = switch (e.field()) {
                case "reference" -> "binfo";
                default -> e.field();
            };
            String prefix = field.equals("to") ? "Invalid Receiver" : "Invalid " + field;
            return new Refusal(400, prefix + ", rejected: " + field + " " + e.message());
        }
        String text = p.title() + ", rejected" + (p.detail() == null ? "" : ": " + p.detail());
        return pe.retryAfterSeconds() == null ? new Refusal(p.status(), text)
                : new Refusal(p.status(), text, pe.retryAfterSeconds());
    }

    /**
     * coding=2 asks for UCS-2 even when the text fits GSM-7: the same validation, admission, routing and group-commit
     * storage as {@link MessageService#sendAsync}, with the text segmented as UCS-2.
     */
    private CompletionStage<SmsMessage> sendUcs2(TenantPrincipal tenant, SendMessageRequest request) {
        return messages.sendAsync(tenant, request, v -> {
            if (v.seg().encoding() == SmsEncoding.UCS2) {
                return v;
            }
            SmsSegmenter.Segmentation ucs2 = ucs2(request.text());
            if (ucs2.segments() > gateway.maxSegments()) {
                throw new Refusal(400, "Invalid text, rejected: text is too long: " + ucs2.segments()
                        + " UCS2 segments (coding=2), at most " + gateway.maxSegments() + " allowed");
            }
            return new MessageService.Validated(v.to(), v.from(), ucs2, v.reference(), v.callback(), v.validity(),
                    v.sendAt());
        });
    }

    /** UCS-2 segmentation (70 units, 67 per part; a surrogate pair is never split). */
    static SmsSegmenter.Segmentation ucs2(String text) {
        if (text.length() <= SmsSegmenter.UCS2_SINGLE) {
            return new SmsSegmenter.Segmentation(SmsEncoding.UCS2, text.length(), List.of(text));
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        int used = 0;
        int i = 0;
        while (i < text.length()) {
            int width = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1)) ? 2 : 1;
            if (used + width > SmsSegmenter.UCS2_PART) {
                parts.add(text.substring(start, i));
                start = i;
                used = 0;
            }
            used += width;
            i += width;
        }
        parts.add(text.substring(start));
        return new SmsSegmenter.Segmentation(SmsEncoding.UCS2, text.length(), parts);
    }

    /**
     * username is the tenant id or the id of the API key; password is the API key itself, checked against its hash
     * like a bearer key. Every failure, a suspended tenant included, is Kannel's 403 text (its clients look for it).
     */
    TenantPrincipal authenticate(String username, String password) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            throw new Refusal(403, AUTH_FAILED);
        }
        Optional<ApiKeyService.Access> access = keys.authenticate(password);
        if (access.isEmpty()) {
            throw new Refusal(403, AUTH_FAILED);
        }
        TenantPrincipal t = access.get().tenant();
        if (!constantTimeEquals(username, t.tenantId()) && !constantTimeEquals(username, t.keyId())) {
            throw new Refusal(403, AUTH_FAILED);
        }
        if (access.get().suspended()) {
            throw new Refusal(403, AUTH_FAILED + ": the account is suspended");
        }
        return t;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** The text, decoded from its percent-encoded bytes with the charset asked for (Kannel's defaults otherwise). */
    private String text(String rawText, String charsetName, int coding) {
        if (rawText == null) {
            return null;
        }
        Charset cs;
        String name = charsetName == null || charsetName.isBlank()
                ? (coding == 2 ? "UTF-16BE" : config.defaultCharset())
                : charsetName.trim();
        // Kannel's clients name UTF-16BE "UCS-2" (iconv's name); Java knows it only as UTF-16BE.
        if (name.equalsIgnoreCase("UCS-2") || name.equalsIgnoreCase("UCS2") || name.equalsIgnoreCase("UCS-2BE")) {
            name = "UTF-16BE";
        }
        try {
            cs = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new Refusal(400, "Charset or body misformed, rejected: unknown charset " + name);
        }
        byte[] bytes = percentDecode(rawText);
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new Refusal(400, "Charset or body misformed, rejected: text is not valid " + cs.name());
        }
    }

    private static String param(Map<String, String> raw, String... names) {
        for (String n : names) {
            String v = raw.get(n);
            if (v != null) {
                return decode(v, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static int intParam(Map<String, String> raw, String name, int absent, int min, int max, String refusal) {
        String v = param(raw, name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            int i = Integer.parseInt(v.trim());
            if (i < min || i > max) {
                throw new Refusal(400, refusal);
            }
            return i;
        } catch (NumberFormatException e) {
            throw new Refusal(400, refusal);
        }
    }

    private static String decode(String raw, Charset cs) {
        return new String(percentDecode(raw), cs);
    }

    /**
     * application/x-www-form-urlencoded bytes: {@code +} is a space, {@code %XX} a byte, anything else its own
     * (UTF-8) bytes. Decoding to bytes first is what lets {@code charset} apply to the whole value (URLDecoder would
     * decode each run of escapes on its own).
     */
    static byte[] percentDecode(String raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else {
                int cp = raw.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    /** {@code a=1&b=2} into raw (still encoded) values by name; the first occurrence of a name wins, as in Kannel. */
    public static Map<String, String> rawParams(String query) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            out.putIfAbsent(name, eq < 0 ? "" : pair.substring(eq + 1));
        }
        return out;
    }
}
