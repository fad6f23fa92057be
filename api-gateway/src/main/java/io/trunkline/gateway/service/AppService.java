package io.trunkline.gateway.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.DatasetRow;
import io.trunkline.gateway.InboundApp;
import io.trunkline.gateway.InboundKeyword;
import io.trunkline.gateway.InboundNumber;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.InboundConfig;
import io.trunkline.gateway.repository.DatasetRowRepository;
import io.trunkline.gateway.repository.InboundAppRepository;
import io.trunkline.gateway.repository.InboundKeywordRepository;
import io.trunkline.gateway.repository.InboundNumberRepository;
import io.trunkline.gateway.repository.KeywordAliasRepository;
import io.trunkline.gateway.repository.PollVoteRepository;
import io.trunkline.gateway.rest.AppRequest;
import io.trunkline.gateway.rest.AppView;
import io.trunkline.gateway.rest.DatasetPage;
import io.trunkline.gateway.rest.PollTally;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** A tenant's apps ({@code /v1/apps}): attach to a number and keyword, configure, read datasets and tallies. */
@ApplicationScoped
public class AppService {
    private static final Logger LOG = Logger.getLogger(AppService.class);
    static final int DEFAULT_PAGE = 50;
    static final int CSV_BATCH = 500;

    private final InboundAppRepository apps;
    private final InboundNumberRepository numbers;
    private final InboundKeywordRepository keywords;
    private final KeywordAliasRepository aliases;
    private final DatasetRowRepository dataset;
    private final PollVoteRepository votes;
    private final InboundNumberService numberService;
    private final AppConfigs configs;
    private final InboundConfig config;
    private final ObjectMapper json;

    public AppService(InboundAppRepository apps, InboundNumberRepository numbers, InboundKeywordRepository keywords,
            KeywordAliasRepository aliases, DatasetRowRepository dataset, PollVoteRepository votes,
            InboundNumberService numberService, AppConfigs configs, InboundConfig config, ObjectMapper json) {
        this.apps = apps;
        this.numbers = numbers;
        this.keywords = keywords;
        this.aliases = aliases;
        this.dataset = dataset;
        this.votes = votes;
        this.numberService = numberService;
        this.configs = configs;
        this.config = config;
        this.json = json;
    }

    /** The external name of a type: {@code auto-reply}, {@code call-back}, ... */
    public static String external(InboundApp.Type t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Transactional
    public AppView create(TenantPrincipal tenant, AppRequest request) {
        InboundApp a = new InboundApp();
        a.id = UUID.randomUUID().toString();
        a.tenantId = tenant.tenantId();
        a.createdAt = Clocks.now();
        apply(tenant, a, request);
        apps.persist(a);
        LOG.infof("app %s (%s) of tenant %s created", a.id, a.type, a.tenantId);
        return view(a);
    }

    @Transactional
    public AppView update(TenantPrincipal tenant, String id, AppRequest request) {
        InboundApp a = require(tenant, id);
        apply(tenant, a, request);
        return view(a);
    }

    @Transactional
    public void delete(TenantPrincipal tenant, String id) {
        InboundApp a = require(tenant, id);
        numbers.update("defaultAppId = null where defaultAppId = ?1", a.id);
        apps.delete(a);
    }

    @Transactional
    public AppView get(TenantPrincipal tenant, String id) {
        return view(require(tenant, id));
    }

    @Transactional
    public List<AppView> list(TenantPrincipal tenant) {
        return apps.forTenant(tenant.tenantId()).stream().map(this::view).toList();
    }

    private InboundApp require(TenantPrincipal tenant, String id) {
        return apps.findForTenant(tenant.tenantId(), id).orElseThrow(() -> ProblemException.notFound("app " + id));
    }

    private void apply(TenantPrincipal tenant, InboundApp a, AppRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? null : request.name().trim();
        if (name == null || name.isEmpty() || name.length() > 100) {
            errors.add(new Problem.FieldError("name", "is required, 1-100 characters"));
        }
        InboundApp.Type type = null;
        try {
            type = request.type() == null ? null
                    : InboundApp.Type.valueOf(request.type().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (type == null) {
            errors.add(new Problem.FieldError("type",
                    "must be one of collect, poll, auto-reply, forward, call-back, subscribe"));
        }
        String storedConfig = type == null ? null : configs.validate(type, request.config(), errors);
        InboundNumber number = null;
        Optional<String> normalised = numberService.normalise(request.number());
        if (normalised.isPresent()) {
            number = numbers.findByNumber(normalised.get()).orElse(null);
        }
        boolean usable = number != null && (tenant.tenantId().equals(number.tenantId)
                || number.shared() && keywords.tenantHasKeywordOn(tenant.tenantId(), number.id));
        if (!usable) {
            errors.add(new Problem.FieldError("number", "is not a receiving number of this account"));
        }
        String word = numberService.checkWord("keyword", request.keyword(), false, errors);
        InboundKeyword keyword = null;
        if (usable && request.keyword() != null && word != null) {
            keyword = aliases.findWord(number.id, word).map(x -> keywords.findById(x.keywordId)).orElse(null);
            if (keyword != null && !keyword.tenantId.equals(tenant.tenantId())) {
                errors.add(new Problem.FieldError("keyword", "'" + word + "' belongs to another account on this "
                        + "number"));
                keyword = null;
            } else if (keyword == null && number.shared()) {
                errors.add(new Problem.FieldError("keyword", "'" + word + "' is not assigned to this account on this "
                        + "shared number (the operator assigns keywords there)"));
            }
        } else if (usable && request.keyword() == null && number.shared()) {
            errors.add(new Problem.FieldError("keyword", "is required on a shared number"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        if (keyword == null && word != null) {
            keyword = numberService.create(number, tenant.tenantId(), word, Set.of(word));
        }
        if (keyword != null) {
            Optional<InboundApp> other = apps.onKeyword(keyword.id);
            if (other.isPresent() && !other.get().id.equals(a.id)) {
                throw new ProblemException(new Problem(Problem.TYPE_BASE + "keyword-taken", "Keyword taken", 409,
                        "app " + other.get().id + " already answers " + keyword.keyword, null,
                        List.of(new Problem.FieldError("keyword", "already has an app"))));
            }
        } else {
            Optional<InboundApp> other = apps.defaultOn(tenant.tenantId(), number.id);
            if (other.isPresent() && !other.get().id.equals(a.id)) {
                throw new ProblemException(new Problem(Problem.TYPE_BASE + "keyword-taken", "Keyword taken", 409,
                        "app " + other.get().id + " is already the default app of " + number.number, null,
                        List.of(new Problem.FieldError("keyword", "absent: the number already has a default app"))));
            }
        }
        a.name = name;
        a.type = type;
        a.numberId = number.id;
        a.keywordId = keyword == null ? null : keyword.id;
        a.config = storedConfig;
        a.updatedAt = Clocks.now();
    }

    AppView view(InboundApp a) {
        InboundNumber n = numbers.findById(a.numberId);
        InboundKeyword k = a.keywordId == null ? null : keywords.findById(a.keywordId);
        try {
            return new AppView(a.id, a.name, external(a.type), n.number, k == null ? null : k.keyword,
                    json.readTree(a.config), a.createdAt, a.updatedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- datasets and tallies ---

    private InboundApp requireType(TenantPrincipal tenant, String id, InboundApp.Type type) {
        InboundApp a = require(tenant, id);
        if (a.type != type) {
            throw new ProblemException(Problem.of(409, "wrong-app-type", "Wrong app type",
                    "app " + id + " is a " + external(a.type) + " app, not a " + external(type) + " app"));
        }
        return a;
    }

    @Transactional
    public DatasetPage dataset(TenantPrincipal tenant, String id, String sender, String cursor, String limit) {
        InboundApp a = requireType(tenant, id, InboundApp.Type.COLLECT);
        int n = pageSize(limit);
        PageCursor c = PageCursor.decode(cursor);
        List<DatasetRow> rows = dataset.page(a.id, blankToNull(sender), c == null ? null : c.time(),
                c == null ? null : c.id(), n + 1);
        String next = null;
        if (rows.size() > n) {
            rows = rows.subList(0, n);
            DatasetRow last = rows.get(n - 1);
            next = new PageCursor(last.createdAt, last.id).encode();
        }
        return new DatasetPage(columns(a), rows.stream().map(this::row).toList(), next);
    }

    /** The whole dataset as CSV (RFC 4180): received_at, sender, then the pattern's fields in order. */
    @Transactional
    public String datasetCsv(TenantPrincipal tenant, String id, String sender) {
        InboundApp a = requireType(tenant, id, InboundApp.Type.COLLECT);
        List<DatasetPage.Column> cols = columns(a);
        StringBuilder out = new StringBuilder("received_at,sender");
        cols.forEach(c -> out.append(',').append(csv(c.name())));
        out.append("\r\n");
        PageCursor c = null;
        while (true) {
            List<DatasetRow> rows = dataset.page(a.id, blankToNull(sender), c == null ? null : c.time(),
                    c == null ? null : c.id(), CSV_BATCH);
            for (DatasetRow r : rows) {
                DatasetPage.Row row = row(r);
                out.append(r.createdAt).append(',').append(csv(r.sender));
                for (DatasetPage.Column col : cols) {
                    Object v = row.fields().get(col.name());
                    out.append(',').append(v == null ? "" : csv(v instanceof BigDecimal b ? b.toPlainString()
                            : String.valueOf(v)));
                }
                out.append("\r\n");
            }
            if (rows.size() < CSV_BATCH) {
                return out.toString();
            }
            DatasetRow last = rows.get(rows.size() - 1);
            c = new PageCursor(last.createdAt, last.id);
        }
    }

    @Transactional
    public PollTally tally(TenantPrincipal tenant, String id) {
        InboundApp a = requireType(tenant, id, InboundApp.Type.POLL);
        AppConfigs.Poll p = configs.poll(a.config);
        Map<String, Long> counts = votes.tally(a.id);
        List<PollTally.Option> options = p.options().stream()
                .map(o -> new PollTally.Option(o, counts.getOrDefault(o, 0L))).toList();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new PollTally(a.id, options, total, p.open(Clocks.now()), p.lastVoteWins(), p.opensAt(),
                p.closesAt());
    }

    private List<DatasetPage.Column> columns(InboundApp a) {
        AppPattern pattern = configs.collect(a.config).pattern();
        return pattern.fields().stream()
                .map(f -> new DatasetPage.Column(f.name(), f.type().name().toLowerCase(Locale.ROOT))).toList();
    }

    private DatasetPage.Row row(DatasetRow r) {
        try {
            Map<String, Object> fields = json.readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
            }).with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readValue(r.fields);
            return new DatasetPage.Row(r.id, r.sender, fields, r.inboundMessageId, r.createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    int pageSize(String limit) {
        if (limit == null || limit.isBlank()) {
            return Math.min(DEFAULT_PAGE, config.maxPageSize());
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= config.maxPageSize()) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalid("limit", "must be a whole number between 1 and " + config.maxPageSize());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
