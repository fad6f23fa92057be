package io.trunkline.gateway.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.SmsReceived;
import io.trunkline.gateway.AppReply;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.Contact;
import io.trunkline.gateway.DatasetRow;
import io.trunkline.gateway.InboundApp;
import io.trunkline.gateway.InboundKeyword;
import io.trunkline.gateway.InboundMessage;
import io.trunkline.gateway.InboundNumber;
import io.trunkline.gateway.PollVote;
import io.trunkline.gateway.SmsMessage;
import io.trunkline.gateway.Tenant;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.InboundConfig;
import io.trunkline.gateway.repository.AppReplyRepository;
import io.trunkline.gateway.repository.ContactListRepository;
import io.trunkline.gateway.repository.DatasetRowRepository;
import io.trunkline.gateway.repository.InboundAppRepository;
import io.trunkline.gateway.repository.InboundKeywordRepository;
import io.trunkline.gateway.repository.InboundMessageRepository;
import io.trunkline.gateway.repository.InboundNumberRepository;
import io.trunkline.gateway.repository.KeywordAliasRepository;
import io.trunkline.gateway.repository.PollVoteRepository;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.gateway.rest.InboundView;
import io.trunkline.gateway.rest.SendMessageRequest;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * An {@code sms.inbound} message, in the consumer's transaction: matched to a tenant by receiving number, then by its
 * first word (keyword or alias, case-insensitive; after a STOP/JOIN word, the second word), else the number's default
 * app; stored (unmatched too, for the operator); STOP words opt out and JOIN words opt in whatever the app; otherwise
 * the app runs. Replies, forwards and call requests are written in the same transaction, so a redelivered event
 * (de-duplicated by the consumer's inbox) never acts twice. E-mail-to-SMS (channel {@code email}, tenant set) becomes
 * outbound messages on that tenant's account.
 */
@ApplicationScoped
public class InboundService {
    private static final Logger LOG = Logger.getLogger(InboundService.class);
    public static final String EMAIL_CHANNEL = "email";
    static final String LIST_PREFIX = "list:";
    static final int MAX_OUTCOME = 500;

    private final InboundNumberRepository numbers;
    private final InboundKeywordRepository keywords;
    private final KeywordAliasRepository aliases;
    private final InboundAppRepository apps;
    private final InboundMessageRepository inbound;
    private final DatasetRowRepository dataset;
    private final PollVoteRepository votes;
    private final AppReplyRepository replies;
    private final TenantRepository tenants;
    private final ContactListRepository lists;
    private final MessageService messages;
    private final OptOutService optOuts;
    private final ContactListService contactLists;
    private final WebhookService webhooks;
    private final Outbox outbox;
    private final AppConfigs configs;
    private final InboundConfig config;
    private final PhoneNumbers phoneNumbers;
    private final ObjectMapper json;
    private final MeterRegistry registry;

    public InboundService(InboundNumberRepository numbers, InboundKeywordRepository keywords,
            KeywordAliasRepository aliases, InboundAppRepository apps, InboundMessageRepository inbound,
            DatasetRowRepository dataset, PollVoteRepository votes, AppReplyRepository replies,
            TenantRepository tenants, ContactListRepository lists, MessageService messages, OptOutService optOuts,
            ContactListService contactLists, WebhookService webhooks, Outbox outbox, AppConfigs configs,
            InboundConfig config, PhoneNumbers phoneNumbers, ObjectMapper json, MeterRegistry registry) {
        this.numbers = numbers;
        this.keywords = keywords;
        this.aliases = aliases;
        this.apps = apps;
        this.inbound = inbound;
        this.dataset = dataset;
        this.votes = votes;
        this.replies = replies;
        this.tenants = tenants;
        this.lists = lists;
        this.messages = messages;
        this.optOuts = optOuts;
        this.contactLists = contactLists;
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.configs = configs;
        this.config = config;
        this.phoneNumbers = phoneNumbers;
        this.json = json;
        this.registry = registry;
    }

    enum Command {
        NONE, STOP, JOIN
    }

    /** Whom a message is for: the tenant, the keyword that matched (may be null) and its app (may be null). */
    record Target(String tenantId, InboundKeyword keyword, InboundApp app) {
    }

    /** One message being handled for one tenant. */
    record Context(InboundMessage message, InboundNumber number, Target target, String sender, String rest) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void handle(SmsReceived e) {
        if (EMAIL_CHANNEL.equalsIgnoreCase(e.channel()) && e.tenantId() != null) {
            emailToSms(e);
            return;
        }
        String sender = sender(e.from());
        Optional<InboundNumber> number = numbers.findByNumber(receivingNumber(e.to()));
        List<String> words = List.of(e.text().trim().split("\\s+"));
        String first = upper(words.get(0));
        Command cmd = words(config.stopWords()).contains(first) ? Command.STOP
                : words(config.joinWords()).contains(first) ? Command.JOIN : Command.NONE;
        String candidate = cmd == Command.NONE ? first : words.size() > 1 ? upper(words.get(1)) : null;
        List<Target> targets = number.map(n -> resolve(n, candidate, cmd == Command.STOP)).orElse(List.of());
        if (targets.isEmpty()) {
            store(e, sender, null, number.orElse(null), null, null,
                    number.isEmpty() ? "unmatched: unknown receiving number" : "unmatched: no keyword or default app");
            registry.counter("trunkline.gateway.inbound", "result", "unmatched").increment();
            LOG.infof("inbound %s to %s matched no tenant; kept for the operator", e.inboundId(), e.to());
            return;
        }
        for (Target t : targets) {
            InboundMessage m = store(e, sender, t.tenantId(), number.get(), t.keyword(), t.app(), null);
            int skip = (cmd == Command.NONE ? 0 : 1) + (t.keyword() != null ? 1 : 0);
            String rest = after(e.text(), skip);
            Command c = cmd;
            if (c == Command.NONE && t.keyword() != null && words(config.stopWords()).contains(firstWord(rest))) {
                c = Command.STOP; // "<keyword> STOP" opts out as surely as "STOP <keyword>"
            }
            Context ctx = new Context(m, number.get(), t, sender, rest);
            String outcome = switch (c) {
                case STOP -> stop(ctx, c == cmd ? first : firstWord(rest));
                case JOIN -> join(ctx);
                case NONE -> t.app() == null ? "stored" : run(ctx);
            };
            m.outcome = cut(outcome);
            registry.counter("trunkline.gateway.inbound", "result",
                    t.app() == null ? "matched" : t.app().type.name().toLowerCase(Locale.ROOT)).increment();
            webhooks.enqueue(t.tenantId(), WebhookService.Kind.INBOUND_MESSAGE, "message.inbound", null,
                    InboundView.of(m));
        }
    }

    /** A handset's number as E.164 when it is one (with or without its '+'); otherwise as received. */
    private String sender(String from) {
        String f = from.trim();
        if (f.startsWith("+") || f.matches("[0-9]{9,15}")) {
            return phoneNumbers.possibleE164(f.startsWith("+") ? f : "+" + f).orElse(f);
        }
        return f;
    }

    /** The stored form of a receiving number: short code digits as they are, longer digits as E.164. */
    static String receivingNumber(String to) {
        String s = to.trim();
        if (s.matches("[0-9]{9,15}")) {
            return "+" + s;
        }
        return s;
    }

    private List<Target> resolve(InboundNumber n, String candidate, boolean stop) {
        Optional<InboundKeyword> kw = candidate == null || candidate.isEmpty() ? Optional.empty()
                : aliases.findWord(n.id, candidate).map(a -> keywords.findById(a.keywordId));
        if (kw.isPresent()) {
            return List.of(new Target(kw.get().tenantId, kw.get(), apps.onKeyword(kw.get().id).orElse(null)));
        }
        if (!n.shared()) {
            InboundApp app = apps.defaultOn(n.tenantId, n.id)
                    .or(() -> Optional.ofNullable(n.defaultAppId).map(apps::findById)
                            .filter(a -> a.tenantId.equals(n.tenantId)))
                    .orElse(null);
            return List.of(new Target(n.tenantId, null, app));
        }
        if (stop) {
            // A bare STOP to a shared number cannot say whose messages it refuses: every tenant there stops.
            return keywords.tenantsOn(n.id).stream().map(t -> new Target(t, null, null)).toList();
        }
        if (n.defaultAppId != null) {
            InboundApp app = apps.findById(n.defaultAppId);
            if (app != null) {
                return List.of(new Target(app.tenantId, null, app));
            }
        }
        return List.of();
    }

    private InboundMessage store(SmsReceived e, String sender, String tenantId, InboundNumber n, InboundKeyword kw,
            InboundApp app, String outcome) {
        InboundMessage m = new InboundMessage();
        m.id = UUID.randomUUID().toString();
        m.inboundId = e.inboundId();
        m.tenantId = tenantId;
        m.numberId = n == null ? null : n.id;
        m.appId = app == null ? null : app.id;
        m.sender = sender;
        m.recipient = e.to();
        m.keyword = kw == null ? null : kw.keyword;
        m.text = e.text();
        m.encoding = e.encoding();
        m.segments = e.segments();
        m.channel = e.channel();
        m.channelRef = e.channelRef();
        m.outcome = cut(outcome);
        m.receivedAt = Clocks.millis(e.receivedAt());
        m.storedAt = Clocks.now();
        inbound.persist(m);
        return m;
    }

    private String stop(Context ctx, String word) {
        String tenantId = ctx.target().tenantId();
        boolean changed = optOuts.optOut(tenantId, ctx.sender(), "sms:" + word);
        int removed = 0;
        for (InboundApp a : apps.forTenantOfType(tenantId, InboundApp.Type.SUBSCRIBE)) {
            String list = configs.subscribe(a.config).list();
            removed += lists.findByName(tenantId, list)
                    .map(l -> contactLists.removeMember(tenantId, l.id, ctx.sender()) ? 1 : 0).orElse(0);
        }
        LOG.infof("%s opted out of tenant %s by %s", ctx.sender(), tenantId, word);
        return (changed ? "opted out (" + word + ")" : "already opted out (" + word + ")")
                + (removed > 0 ? "; removed from " + removed + " list(s)" : "");
    }

    private String join(Context ctx) {
        boolean was = optOuts.optIn(ctx.target().tenantId(), ctx.sender());
        InboundApp app = ctx.target().app();
        if (app != null && app.type == InboundApp.Type.SUBSCRIBE) {
            return subscribeJoin(ctx, configs.subscribe(app.config), was);
        }
        return was ? "opted back in" : "not opted out";
    }

    private String subscribeJoin(Context ctx, AppConfigs.Subscribe s, boolean optedBackIn) {
        String tenantId = ctx.target().tenantId();
        String listId = contactLists.listNamed(tenantId, s.list()).id;
        boolean added = contactLists.addMember(tenantId, listId, ctx.sender(), null);
        return (optedBackIn ? "opted back in; " : "") + (added ? "joined " : "already on ") + s.list() + "; "
                + reply(ctx, s.joinReply(), Map.of("list", s.list()));
    }

    private String run(Context ctx) {
        InboundApp app = ctx.target().app();
        return switch (app.type) {
            case COLLECT -> collect(ctx, configs.collect(app.config));
            case POLL -> poll(ctx, configs.poll(app.config));
            case AUTO_REPLY -> autoReply(ctx, configs.autoReply(app.config));
            case FORWARD -> forward(ctx, configs.forward(app.config));
            case CALL_BACK -> callBack(ctx, configs.callBack(app.config));
            case SUBSCRIBE -> subscribe(ctx, configs.subscribe(app.config));
        };
    }

    private String collect(Context ctx, AppConfigs.Collect c) {
        InboundKeyword kw = ctx.target().keyword();
        // an alias stands for the keyword, so a pattern names only the keyword
        String input = kw == null ? ctx.rest() : (kw.keyword + " " + ctx.rest()).trim();
        Optional<Map<String, Object>> fields = c.pattern().match(input);
        if (fields.isEmpty()) {
            return "collect: did not match; " + reply(ctx, c.hint(), Map.of());
        }
        DatasetRow row = new DatasetRow();
        row.id = UUID.randomUUID().toString();
        row.appId = ctx.target().app().id;
        row.tenantId = ctx.target().tenantId();
        row.sender = ctx.sender();
        row.inboundMessageId = ctx.message().id;
        row.fields = toJson(fields.get());
        row.createdAt = ctx.message().receivedAt;
        dataset.persist(row);
        Map<String, String> vars = fields.get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                v -> v.getValue() instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v.getValue())));
        return "collect: stored; " + reply(ctx, c.reply(), vars);
    }

    private String poll(Context ctx, AppConfigs.Poll p) {
        String word = firstWord(ctx.rest());
        Optional<String> option = p.option(word);
        String optionList = String.join(", ", p.options());
        if (!p.open(Clocks.now())) {
            return "poll: closed; " + reply(ctx, p.closedReply(), Map.of("options", optionList));
        }
        if (option.isEmpty()) {
            return "poll: no such option; " + reply(ctx, p.invalidReply(), Map.of("options", optionList));
        }
        String appId = ctx.target().app().id;
        PollVote v = votes.findById(new PollVote.Key(appId, ctx.sender()));
        if (v != null && !p.lastVoteWins()) {
            return "poll: already voted " + v.choice + "; "
                    + reply(ctx, p.alreadyVotedReply(), Map.of("choice", v.choice, "options", optionList));
        }
        if (v == null) {
            v = new PollVote();
            v.appId = appId;
            v.sender = ctx.sender();
            v.choice = option.get();
            v.votedAt = Clocks.now();
            votes.persist(v);
        } else {
            v.choice = option.get();
            v.votedAt = Clocks.now();
        }
        return "poll: voted " + option.get() + "; "
                + reply(ctx, p.reply(), Map.of("choice", option.get(), "options", optionList));
    }

    private String autoReply(Context ctx, AppConfigs.AutoReply a) {
        Instant since = Clocks.now().minusSeconds(a.windowSeconds());
        if (replies.countSince(ctx.target().app().id, ctx.sender(), since) >= a.maxReplies()) {
            return "auto-reply: rate limited (" + a.maxReplies() + " per " + a.windowSeconds() + " s)";
        }
        return "auto-reply: " + reply(ctx, a.reply(), Map.of());
    }

    private String forward(Context ctx, AppConfigs.Forward f) {
        if (f.url() != null) {
            webhooks.enqueue(ctx.target().tenantId(), WebhookService.Kind.INBOUND_MESSAGE, "message.inbound", f.url(),
                    InboundView.of(ctx.message()));
            return "forward: queued to " + f.url();
        }
        // SMS-to-email: the relay mails a message routed email:<address>, subject "SMS from <from>": the handset
        String to = ctx.number().number.startsWith("+") ? ctx.number().number : ctx.sender();
        Optional<TenantPrincipal> p = principal(ctx.target().tenantId(), null);
        if (p.isEmpty()) {
            return "forward: tenant suspended";
        }
        try {
            SmsMessage m = messages.sendWithin(p.get(), new SendMessageRequest(to, ctx.sender(), ctx.message().text,
                    "inbound:" + ctx.message().id, null, null), "email:" + f.email(), MessageService.Addressee.KNOWN);
            return "forward: message " + m.id + " to email:" + f.email();
        } catch (ProblemException ex) {
            return "forward: refused (" + why(ex) + ")";
        }
    }

    private String callBack(Context ctx, AppConfigs.CallBack c) {
        String word = firstWord(ctx.rest());
        List<String> agents = word == null ? null : c.groups().get(word);
        if (agents == null) {
            return "call-back: no such group; "
                    + reply(ctx, c.hint(), Map.of("groups", String.join(", ", c.groups().keySet())));
        }
        String callId = UUID.randomUUID().toString();
        outbox.publish(new CallRequested(callId, ctx.target().tenantId(), CallKind.SMS_TO_CALL, agents,
                List.of(ctx.sender()), c.callerId(), null, null, null, "inbound:" + ctx.message().id, null, null,
                Clocks.now()));
        return "call-back: call " + callId + " requested (group " + word + "); "
                + reply(ctx, c.reply(), Map.of("group", word));
    }

    private String subscribe(Context ctx, AppConfigs.Subscribe s) {
        String word = firstWord(ctx.rest());
        if (word != null && s.stopWords().contains(word)) {
            return stop(ctx, word);
        }
        // the keyword alone, or with any other word, subscribes
        boolean was = optOuts.optIn(ctx.target().tenantId(), ctx.sender());
        return subscribeJoin(ctx, s, was);
    }

    /** Sends a templated reply from the receiving number; the outcome's words for it. */
    private String reply(Context ctx, String template, Map<String, String> vars) {
        if (template == null || template.isBlank()) {
            return "no reply configured";
        }
        String text = render(template, ctx, vars);
        Optional<TenantPrincipal> p = principal(ctx.target().tenantId(), ctx.number().number);
        if (p.isEmpty()) {
            return "no reply (tenant suspended)";
        }
        try {
            SmsMessage m = messages.sendWithin(p.get(), new SendMessageRequest(ctx.sender(), ctx.number().number, text,
                    "inbound:" + ctx.message().id, null, null), null, MessageService.Addressee.KNOWN);
            InboundApp app = ctx.target().app();
            if (app != null) {
                AppReply r = new AppReply();
                r.id = UUID.randomUUID().toString();
                r.appId = app.id;
                r.sender = ctx.sender();
                r.messageId = m.id;
                r.sentAt = Clocks.now();
                replies.persist(r);
            }
            return "reply " + m.id;
        } catch (ProblemException ex) {
            return "reply refused (" + why(ex) + ")";
        }
    }

    private static String render(String template, Context ctx, Map<String, String> vars) {
        String out = template.replace("{from}", ctx.sender()).replace("{to}", ctx.number().number)
                .replace("{keyword}", ctx.target().keyword() == null ? "" : ctx.target().keyword().keyword)
                .replace("{text}", ctx.message().text);
        for (Map.Entry<String, String> v : vars.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    /**
     * The tenant as a sender of its inbound replies: its own sender ids plus the receiving number it was texted on
     * (the operator assigned that number to it, short code digits included). Empty when it is suspended or gone.
     */
    private Optional<TenantPrincipal> principal(String tenantId, String receivingNumber) {
        Tenant t = tenants.findById(tenantId);
        if (t == null || t.status != Tenant.Status.ACTIVE) {
            return Optional.empty();
        }
        List<String> senders = new ArrayList<>(t.senderIds);
        if (receivingNumber != null && !senders.contains(receivingNumber)) {
            senders.add(receivingNumber);
        }
        return Optional.of(new TenantPrincipal(t.id, t.name, t.defaultRegion, senders, null));
    }

    /**
     * E-mail-to-SMS: {@code to} = {@code +<number>} or {@code list:<name>} (the list's members, opted-out ones
     * skipped), sent from the tenant's first sender id, each a normal (billed) message.
     */
    private void emailToSms(SmsReceived e) {
        Tenant t = tenants.findById(e.tenantId());
        InboundMessage m = store(e, e.from(), t == null ? null : t.id, null, null, null, null);
        if (t == null) {
            m.outcome = "email-to-sms: unknown tenant " + e.tenantId();
            return;
        }
        Optional<TenantPrincipal> p = principal(t.id, null);
        if (p.isEmpty() || t.senderIds.isEmpty()) {
            m.outcome = p.isEmpty() ? "email-to-sms: tenant suspended" : "email-to-sms: the tenant has no sender id";
            return;
        }
        String senderId = t.senderIds.get(0);
        List<String> recipients;
        int skipped = 0;
        if (e.to().startsWith(LIST_PREFIX)) {
            List<String> members = contactLists.members(t.id, e.to().substring(LIST_PREFIX.length())).stream()
                    .map((Contact c) -> c.number).toList();
            Set<String> out = optOuts.optedOut(t.id, members);
            recipients = members.stream().filter(n -> !out.contains(n)).limit(config.maxListRecipients()).toList();
            skipped = members.size() - recipients.size();
        } else {
            recipients = List.of(e.to());
        }
        int sent = 0;
        List<String> refused = new ArrayList<>();
        for (String to : recipients) {
            try {
                messages.sendWithin(p.get(), new SendMessageRequest(to, senderId, e.text(), "email:" + e.from(), null,
                        null), null, MessageService.Addressee.GIVEN);
                sent++;
            } catch (ProblemException ex) {
                refused.add(to + ": " + why(ex));
            }
        }
        m.outcome = cut("email-to-sms: " + sent + " sent from " + senderId
                + (skipped > 0 ? ", " + skipped + " skipped (opted out or over the limit)" : "")
                + (refused.isEmpty() ? "" : ", refused " + String.join("; ", refused)));
        LOG.infof("e-mail from %s to %s for tenant %s: %s", e.from(), e.to(), t.id, m.outcome);
    }

    private static String why(ProblemException ex) {
        Problem p = ex.problem();
        if (p.errors() != null && !p.errors().isEmpty()) {
            return p.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining(", "));
        }
        return p.detail() == null ? p.title() : p.detail();
    }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> words(List<String> configured) {
        return configured.stream().map(InboundService::upper).collect(Collectors.toSet());
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** The first word of {@code text}, upper case; null when there is none. */
    static String firstWord(String text) {
        String t = text == null ? "" : text.trim();
        return t.isEmpty() ? null : upper(t.split("\\s+", 2)[0]);
    }

    /** {@code text} without its first {@code n} words, trimmed. */
    static String after(String text, int n) {
        String t = text.trim();
        for (int i = 0; i < n && !t.isEmpty(); i++) {
            String[] parts = t.split("\\s+", 2);
            t = parts.length > 1 ? parts[1].trim() : "";
        }
        return t;
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_OUTCOME ? s : s.substring(0, MAX_OUTCOME - 1) + "…";
    }
}
