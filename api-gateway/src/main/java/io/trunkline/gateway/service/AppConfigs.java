package io.trunkline.gateway.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.gateway.InboundApp;
import io.trunkline.platform.rest.Problem;

/**
 * The apps' JSON configurations: checked per type when a tenant saves an app (every offending field named as
 * {@code config.<field>}), and read with their defaults when a message arrives. See docs/inbound-and-apps.md.
 */
@ApplicationScoped
public class AppConfigs {
    static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,31}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
    static final Pattern LIST = Pattern.compile("[a-z0-9._-]{1,100}");
    static final int MAX_TEMPLATE = 640;

    public record Collect(AppPattern pattern, String reply, String hint) {
    }

    public record Poll(List<String> options, boolean lastVoteWins, Instant opensAt, Instant closesAt, String reply,
            String invalidReply, String closedReply, String alreadyVotedReply) {
        /** The configured option a vote word stands for (case-insensitive). */
        public Optional<String> option(String word) {
            return word == null ? Optional.empty()
                    : options.stream().filter(o -> o.equalsIgnoreCase(word)).findFirst();
        }

        public boolean open(Instant now) {
            return (opensAt == null || !now.isBefore(opensAt)) && (closesAt == null || now.isBefore(closesAt));
        }
    }

    public record AutoReply(String reply, int maxReplies, long windowSeconds) {
    }

    public record Forward(String email, String url) {
    }

    public record CallBack(Map<String, List<String>> groups, String callerId, String reply, String hint) {
    }

    public record Subscribe(String list, List<String> joinWords, List<String> stopWords, String joinReply) {
    }

    private final ObjectMapper json;
    private final PhoneNumbers numbers;

    public AppConfigs(ObjectMapper json, PhoneNumbers numbers) {
        this.json = json;
        this.numbers = numbers;
    }

    /** Checks {@code config} for {@code type}, adding an error per offending field; the JSON to store. */
    public String validate(InboundApp.Type type, JsonNode config, List<Problem.FieldError> errors) {
        if (config == null || !config.isObject()) {
            errors.add(new Problem.FieldError("config", "must be a JSON object"));
            return null;
        }
        Reader r = new Reader(config, errors);
        switch (type) {
            case COLLECT -> collect(r);
            case POLL -> poll(r);
            case AUTO_REPLY -> autoReply(r);
            case FORWARD -> forward(r);
            case CALL_BACK -> callBack(r);
            case SUBSCRIBE -> subscribe(r);
        }
        try {
            return json.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public Collect collect(String stored) {
        return collect(reader(stored));
    }

    public Poll poll(String stored) {
        return poll(reader(stored));
    }

    public AutoReply autoReply(String stored) {
        return autoReply(reader(stored));
    }

    public Forward forward(String stored) {
        return forward(reader(stored));
    }

    public CallBack callBack(String stored) {
        return callBack(reader(stored));
    }

    public Subscribe subscribe(String stored) {
        return subscribe(reader(stored));
    }

    private Reader reader(String stored) {
        try {
            return new Reader(json.readTree(stored), new ArrayList<>());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored app config is not JSON", e);
        }
    }

    private Collect collect(Reader r) {
        String source = r.string("pattern", true, 200);
        AppPattern pattern = null;
        if (source != null) {
            try {
                pattern = AppPattern.compile(source);
            } catch (AppPattern.InvalidPatternException e) {
                r.error("pattern", e.getMessage());
            }
        }
        String reply = r.template("reply", "Thanks, received.");
        String hint = r.template("hint", pattern == null ? "" : "Please send: " + pattern.source());
        return new Collect(pattern, reply, hint);
    }

    private Poll poll(Reader r) {
        List<String> options = r.words("options", true);
        if (options != null && options.size() < 2) {
            r.error("options", "needs at least 2 options");
        }
        String mode = r.string("mode", false, 32);
        boolean lastWins = false;
        if (mode != null) {
            switch (mode) {
                case "one-per-sender" -> lastWins = false;
                case "last-vote-wins" -> lastWins = true;
                default -> r.error("mode", "must be one-per-sender or last-vote-wins");
            }
        }
        Instant opens = r.instant("opensAt");
        Instant closes = r.instant("closesAt");
        if (opens != null && closes != null && !closes.isAfter(opens)) {
            r.error("closesAt", "must be after opensAt");
        }
        return new Poll(options == null ? List.of() : options, lastWins, opens, closes,
                r.template("reply", "Thanks, your vote for {choice} is counted."),
                r.template("invalidReply", "Please reply with one of: {options}"),
                r.template("closedReply", "Sorry, this poll is not open."),
                r.template("alreadyVotedReply", "You have already voted."));
    }

    private AutoReply autoReply(Reader r) {
        String reply = r.template("reply", null);
        if (reply == null) {
            r.error("reply", "is required");
        }
        Integer max = r.integer("maxReplies", 1, 1000);
        Integer window = r.integer("windowSeconds", 1, 30 * 86400);
        return new AutoReply(reply, max == null ? 1 : max, window == null ? 3600 : window);
    }

    private Forward forward(Reader r) {
        String email = r.string("email", false, 254);
        String url = r.string("url", false, 2048);
        if (email == null && url == null) {
            r.error("email", "either email or url is required");
        } else if (email != null && url != null) {
            r.error("url", "give either email or url, not both");
        }
        if (email != null && !EMAIL.matcher(email).matches()) {
            r.error("email", "is not an e-mail address");
        }
        if (url != null && email == null && !httpUrl(url)) {
            r.error("url", "must be an absolute http or https URL");
        }
        return new Forward(email, url);
    }

    private CallBack callBack(Reader r) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        JsonNode g = r.node.get("groups");
        if (g == null || !g.isObject() || g.isEmpty()) {
            r.error("groups", "is required: an object of group word to a list of agent numbers (E.164)");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = g.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "groups." + e.getKey();
                if (!WORD.matcher(e.getKey()).matches()) {
                    r.error(field, "the group word must be one word of letters and digits (at most 32)");
                    continue;
                }
                List<String> agents = new ArrayList<>();
                if (!e.getValue().isArray() || e.getValue().isEmpty()) {
                    r.error(field, "must be a non-empty list of agent numbers (E.164)");
                    continue;
                }
                for (JsonNode a : e.getValue()) {
                    Optional<String> n = a.isTextual() ? numbers.possibleE164(a.asText()) : Optional.empty();
                    if (n.isEmpty() || !a.asText().startsWith("+")) {
                        r.error(field, "'" + a.asText() + "' is not an E.164 number");
                    } else {
                        agents.add(n.get());
                    }
                }
                groups.put(e.getKey().toUpperCase(Locale.ROOT), agents);
            }
        }
        String callerId = r.string("callerId", true, 16);
        if (callerId != null) {
            Optional<String> n = callerId.startsWith("+") ? numbers.possibleE164(callerId) : Optional.empty();
            if (n.isEmpty()) {
                r.error("callerId", "must be an E.164 number");
            } else {
                callerId = n.get();
            }
        }
        return new CallBack(groups, callerId, r.template("reply", "Thanks, an agent will call you shortly."),
                r.template("hint", "Please send the keyword and one of: {groups}"));
    }

    private Subscribe subscribe(Reader r) {
        String list = r.string("list", true, 100);
        if (list != null && !LIST.matcher(list).matches()) {
            r.error("list", "must be 1-100 lower-case letters, digits, '.', '_' or '-'");
        }
        List<String> join = r.words("joinWords", false);
        List<String> stop = r.words("stopWords", false);
        return new Subscribe(list, join == null ? List.of() : upper(join), stop == null ? List.of() : upper(stop),
                r.template("joinReply", "You are subscribed. Reply STOP to unsubscribe."));
    }

    private static List<String> upper(List<String> words) {
        return words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }

    static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Reads fields of one config object, naming each offending one {@code config.<field>}. */
    private static final class Reader {
        final JsonNode node;
        final List<Problem.FieldError> errors;

        Reader(JsonNode node, List<Problem.FieldError> errors) {
            this.node = node;
            this.errors = errors;
        }

        void error(String field, String message) {
            errors.add(new Problem.FieldError("config." + field, message));
        }

        String string(String field, boolean required, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!v.isTextual()) {
                error(field, "must be a string");
                return null;
            }
            if (v.asText().length() > max) {
                error(field, "must be at most " + max + " characters");
                return null;
            }
            return v.asText().trim();
        }

        String template(String field, String fallback) {
            String s = string(field, false, MAX_TEMPLATE);
            return s == null ? fallback : s;
        }

        Integer integer(String field, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                error(field, "must be a whole number between " + min + " and " + max);
                return null;
            }
            return v.asInt();
        }

        Instant instant(String field) {
            String s = string(field, false, 40);
            if (s == null) {
                return null;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                error(field, "must be an RFC 3339 UTC time, e.g. 2026-12-24T09:00:00Z");
                return null;
            }
        }

        List<String> words(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(field, "is required");
                }
                return null;
            }
            if (!v.isArray()) {
                error(field, "must be a list of words");
                return null;
            }
            List<String> out = new ArrayList<>();
            for (JsonNode w : v) {
                if (!w.isTextual() || !WORD.matcher(w.asText()).matches()) {
                    error(field, "'" + w.asText() + "' is not one word of letters and digits (at most 32)");
                } else if (out.stream().anyMatch(x -> x.equalsIgnoreCase(w.asText()))) {
                    error(field, "'" + w.asText() + "' is given twice");
                } else {
                    out.add(w.asText());
                }
            }
            return out;
        }
    }
}
