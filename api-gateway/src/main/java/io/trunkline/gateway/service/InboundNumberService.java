package io.trunkline.gateway.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.InboundApp;
import io.trunkline.gateway.InboundKeyword;
import io.trunkline.gateway.InboundNumber;
import io.trunkline.gateway.KeywordAlias;
import io.trunkline.gateway.config.InboundConfig;
import io.trunkline.gateway.repository.InboundAppRepository;
import io.trunkline.gateway.repository.InboundKeywordRepository;
import io.trunkline.gateway.repository.InboundNumberRepository;
import io.trunkline.gateway.repository.KeywordAliasRepository;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.gateway.rest.InboundNumberRequest;
import io.trunkline.gateway.rest.KeywordRequest;
import io.trunkline.gateway.rest.KeywordView;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** The operator's receiving numbers and the keywords on them. */
@ApplicationScoped
public class InboundNumberService {
    private static final Logger LOG = Logger.getLogger(InboundNumberService.class);
    static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");

    private final InboundNumberRepository numbers;
    private final InboundKeywordRepository keywords;
    private final KeywordAliasRepository aliases;
    private final InboundAppRepository apps;
    private final TenantRepository tenants;
    private final PhoneNumbers phoneNumbers;
    private final InboundConfig config;

    public InboundNumberService(InboundNumberRepository numbers, InboundKeywordRepository keywords,
            KeywordAliasRepository aliases, InboundAppRepository apps, TenantRepository tenants,
            PhoneNumbers phoneNumbers, InboundConfig config) {
        this.numbers = numbers;
        this.keywords = keywords;
        this.aliases = aliases;
        this.apps = apps;
        this.tenants = tenants;
        this.phoneNumbers = phoneNumbers;
        this.config = config;
    }

    @Transactional
    public InboundNumber create(InboundNumberRequest request) {
        InboundNumber n = new InboundNumber();
        n.id = UUID.randomUUID().toString();
        n.createdAt = Clocks.now();
        apply(n, request, true);
        numbers.persist(n);
        LOG.infof("inbound number %s (%s) assigned %s", n.number, n.kind,
                n.shared() ? "shared by keyword" : "to tenant " + n.tenantId);
        return n;
    }

    @Transactional
    public InboundNumber update(String id, InboundNumberRequest request) {
        InboundNumber n = require(id);
        apply(n, request, false);
        return n;
    }

    @Transactional
    public void delete(String id) {
        InboundNumber n = require(id);
        if (apps.countOnNumber(n.id) > 0) {
            throw new ProblemException(Problem.of(409, "number-in-use", "Number in use",
                    "tenants' apps are attached to " + n.number + "; they must be deleted first"));
        }
        for (InboundKeyword k : keywords.forNumber(n.id)) {
            aliases.delete("keywordId", k.id);
            keywords.delete(k);
        }
        numbers.delete(n);
    }

    @Transactional
    public InboundNumber require(String id) {
        InboundNumber n = id == null ? null : numbers.findById(id);
        if (n == null) {
            throw ProblemException.notFound("inbound number " + id);
        }
        return n;
    }

    @Transactional
    public List<InboundNumber> list() {
        return numbers.all();
    }

    /** The number in its stored form (E.164 or short code digits), or empty when it is neither. */
    public Optional<String> normalise(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String s = number.trim();
        if (SHORT_CODE.matcher(s).matches()) {
            return Optional.of(s);
        }
        return s.startsWith("+") ? phoneNumbers.possibleE164(s) : Optional.empty();
    }

    private void apply(InboundNumber n, InboundNumberRequest request, boolean creating) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Optional<String> number = normalise(request.number());
        if (number.isEmpty()) {
            errors.add(new Problem.FieldError("number", "must be E.164 (+...) or short code digits (3-8)"));
        } else {
            Optional<InboundNumber> other = numbers.findByNumber(number.get());
            if (other.isPresent() && !other.get().id.equals(n.id)) {
                errors.add(new Problem.FieldError("number", number.get() + " is already assigned"));
            }
        }
        InboundNumber.Kind kind = null;
        if (request.kind() != null && !request.kind().isBlank()) {
            try {
                kind = InboundNumber.Kind.valueOf(request.kind().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("kind", "must be SIM, LONG_NUMBER or SHORT_CODE"));
            }
        }
        if (kind != null && number.isPresent() && (kind == InboundNumber.Kind.SHORT_CODE) != !number.get()
                .startsWith("+")) {
            errors.add(new Problem.FieldError("kind", kind == InboundNumber.Kind.SHORT_CODE
                    ? "a short code is 3-8 digits without '+'" : "SIM and long numbers are E.164"));
        }
        String tenantId = request.tenantId() == null || request.tenantId().isBlank() ? null : request.tenantId();
        if (tenantId != null && tenants.findById(tenantId) == null) {
            errors.add(new Problem.FieldError("tenantId", "no such tenant"));
        }
        if (!creating && tenantId != null) {
            boolean othersKeywords = keywords.tenantsOn(n.id).stream().anyMatch(t -> !t.equals(tenantId));
            boolean othersApps = apps.list("numberId", n.id).stream().anyMatch(a -> !a.tenantId.equals(tenantId));
            if (othersKeywords || othersApps) {
                errors.add(new Problem.FieldError("tenantId",
                        "other tenants have keywords or apps on this number; remove them first"));
            }
        }
        String defaultAppId = request.defaultAppId() == null || request.defaultAppId().isBlank() ? null
                : request.defaultAppId();
        if (defaultAppId != null) {
            InboundApp app = apps.findById(defaultAppId);
            if (app == null || creating || !app.numberId.equals(n.id)) {
                errors.add(new Problem.FieldError("defaultAppId", "must be an app attached to this number"));
            } else if (tenantId != null && !app.tenantId.equals(tenantId)) {
                errors.add(new Problem.FieldError("defaultAppId", "must be an app of the number's tenant"));
            }
        }
        if (request.description() != null && request.description().length() > 255) {
            errors.add(new Problem.FieldError("description", "must be at most 255 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        n.number = number.get();
        n.kind = kind != null ? kind
                : n.number.startsWith("+") ? InboundNumber.Kind.LONG_NUMBER : InboundNumber.Kind.SHORT_CODE;
        n.tenantId = tenantId;
        n.defaultAppId = defaultAppId;
        n.description = request.description();
        n.updatedAt = Clocks.now();
    }

    // --- keywords ---

    @Transactional
    public KeywordView addKeyword(String numberId, KeywordRequest request) {
        InboundNumber n = require(numberId);
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        String tenantId = request.tenantId();
        if (tenantId == null || tenantId.isBlank()) {
            errors.add(new Problem.FieldError("tenantId", "is required"));
        } else if (tenants.findById(tenantId) == null) {
            errors.add(new Problem.FieldError("tenantId", "no such tenant"));
        } else if (!n.shared() && !n.tenantId.equals(tenantId)) {
            errors.add(new Problem.FieldError("tenantId", "the number is exclusive to another tenant"));
        }
        Set<String> words = new LinkedHashSet<>();
        String keyword = checkWord("keyword", request.keyword(), true, errors);
        if (keyword != null) {
            words.add(keyword);
        }
        if (request.aliases() != null) {
            for (String a : request.aliases()) {
                String w = checkWord("aliases", a, true, errors);
                if (w != null && !words.add(w)) {
                    errors.add(new Problem.FieldError("aliases", "'" + a + "' is given twice"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        return view(create(n, tenantId, keyword, words));
    }

    /** A keyword with its words on the number; 409 naming the field when a word is taken there. */
    InboundKeyword create(InboundNumber n, String tenantId, String keyword, Set<String> words) {
        for (String w : words) {
            if (aliases.findWord(n.id, w).isPresent()) {
                throw new ProblemException(new Problem(Problem.TYPE_BASE + "keyword-taken", "Keyword taken", 409,
                        "'" + w + "' is already a keyword or alias on " + n.number, null,
                        List.of(new Problem.FieldError(w.equals(keyword) ? "keyword" : "aliases",
                                "'" + w + "' is taken on this number"))));
            }
        }
        InboundKeyword k = new InboundKeyword();
        k.id = UUID.randomUUID().toString();
        k.numberId = n.id;
        k.tenantId = tenantId;
        k.keyword = keyword;
        k.createdAt = Clocks.now();
        keywords.persist(k);
        for (String w : words) {
            KeywordAlias a = new KeywordAlias();
            a.numberId = n.id;
            a.word = w;
            a.keywordId = k.id;
            aliases.persist(a);
        }
        return k;
    }

    /** A keyword or alias in upper case, or null with an error: one word, not a STOP or JOIN word. */
    String checkWord(String field, String word, boolean required, List<Problem.FieldError> errors) {
        if (word == null || word.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, "is required"));
            }
            return null;
        }
        if (!AppConfigs.WORD.matcher(word.trim()).matches()) {
            errors.add(new Problem.FieldError(field, "'" + word + "' must be one word of letters, digits, . _ - "
                    + "(at most 32)"));
            return null;
        }
        String w = word.trim().toUpperCase(Locale.ROOT);
        if (config.stopWords().stream().anyMatch(w::equalsIgnoreCase)
                || config.joinWords().stream().anyMatch(w::equalsIgnoreCase)) {
            errors.add(new Problem.FieldError(field, "'" + word + "' is a STOP or JOIN word and cannot be a keyword"));
            return null;
        }
        return w;
    }

    @Transactional
    public List<KeywordView> keywords(String numberId) {
        InboundNumber n = require(numberId);
        return keywords.forNumber(n.id).stream().map(this::view).toList();
    }

    @Transactional
    public void deleteKeyword(String numberId, String keywordId) {
        InboundNumber n = require(numberId);
        InboundKeyword k = keywords.findById(keywordId);
        if (k == null || !k.numberId.equals(n.id)) {
            throw ProblemException.notFound("keyword " + keywordId);
        }
        if (apps.onKeyword(k.id).isPresent()) {
            throw new ProblemException(Problem.of(409, "keyword-in-use", "Keyword in use",
                    "an app is attached to " + k.keyword + "; the tenant must delete it first"));
        }
        aliases.delete("keywordId", k.id);
        keywords.delete(k);
    }

    KeywordView view(InboundKeyword k) {
        List<String> words = aliases.forKeyword(k.id).stream().map(a -> a.word).filter(w -> !w.equals(k.keyword))
                .toList();
        return new KeywordView(k.id, k.numberId, k.tenantId, k.keyword, words,
                apps.onKeyword(k.id).map(a -> a.id).orElse(null), k.createdAt);
    }
}
