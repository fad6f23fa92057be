package io.trunkline.gateway.service;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.Contact;
import io.trunkline.gateway.ContactList;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.UtcMillis;
import io.trunkline.gateway.config.BroadcastConfig;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.ContactListRepository;
import io.trunkline.gateway.repository.ContactRepository;
import io.trunkline.gateway.rest.BroadcastErrorView;
import io.trunkline.gateway.rest.ContactListImportView;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** Contact lists and their members. Used by broadcasts, the subscribe app (JOIN/STOP) and e-mail-to-SMS lists. */
@ApplicationScoped
public class ContactListService {
    private static final Logger LOG = Logger.getLogger(ContactListService.class);
    static final int MAX_NAME = 100;
    static final int INSERT_CHUNK = 500;

    private final ContactListRepository lists;
    private final ContactRepository contacts;
    private final PhoneNumbers numbers;
    private final GatewayConfig gateway;
    private final BroadcastConfig config;
    private final EntityManager em;
    private final ObjectMapper json;

    public ContactListService(ContactListRepository lists, ContactRepository contacts, PhoneNumbers numbers,
            GatewayConfig gateway, BroadcastConfig config, EntityManager em, ObjectMapper json) {
        this.lists = lists;
        this.contacts = contacts;
        this.numbers = numbers;
        this.gateway = gateway;
        this.config = config;
        this.em = em;
        this.json = json;
    }

    /** The tenant's list of that name, created when missing. */
    @Transactional
    public ContactList listNamed(String tenantId, String name) {
        return lists.findByName(tenantId, name).orElseGet(() -> {
            ContactList l = new ContactList();
            l.id = UUID.randomUUID().toString();
            l.tenantId = tenantId;
            l.name = name;
            l.createdAt = Clocks.now();
            l.updatedAt = l.createdAt;
            lists.persist(l);
            return l;
        });
    }

    /** Adds the number (E.164) to the list; true when it was not on it. */
    @Transactional
    public boolean addMember(String tenantId, String listId, String number, String fieldsJson) {
        ContactList l = lists.findForTenant(tenantId, listId).orElseThrow();
        if (contacts.findMember(l.id, number).isPresent()) {
            return false;
        }
        Contact c = new Contact();
        c.id = UUID.randomUUID().toString();
        c.listId = l.id;
        c.tenantId = tenantId;
        c.number = number;
        c.fields = fieldsJson;
        c.createdAt = Clocks.now();
        contacts.persist(c);
        return true;
    }

    /** Removes the number from the list; true when it was on it. */
    @Transactional
    public boolean removeMember(String tenantId, String listId, String number) {
        return contacts.delete("tenantId = ?1 and listId = ?2 and number = ?3", tenantId, listId, number) > 0;
    }

    /** The members of the tenant's list of that name, oldest first; empty when there is no such list. */
    @Transactional
    public List<Contact> members(String tenantId, String listName) {
        return lists.findByName(tenantId, listName).map(l -> contacts.members(l.id)).orElse(List.of());
    }

    // --- the tenant API (/v1/contact-lists) ---

    /** A list with its member count. */
    public record ListWithSize(ContactList list, long contacts) {
    }

    /** One page and the cursor of the next (null on the last page). */
    public record CursorPage<T>(List<T> items, String nextCursor) {
    }

    @Transactional
    public ListWithSize create(TenantPrincipal tenant, String name) {
        String n = name(name);
        if (lists.findByName(tenant.tenantId(), n).isPresent()) {
            throw nameTaken(n);
        }
        ContactList l = listNamed(tenant.tenantId(), n);
        LOG.debugf("contact list %s '%s' created for tenant %s", l.id, l.name, tenant.tenantId());
        return new ListWithSize(l, 0);
    }

    @Transactional
    public ListWithSize get(TenantPrincipal tenant, String id) {
        ContactList l = require(tenant, id);
        return new ListWithSize(l, contacts.count("listId", l.id));
    }

    @Transactional
    public ListWithSize rename(TenantPrincipal tenant, String id, String name) {
        ContactList l = require(tenant, id);
        String n = name(name);
        Optional<ContactList> other = lists.findByName(tenant.tenantId(), n);
        if (other.isPresent() && !other.get().id.equals(l.id)) {
            throw nameTaken(n);
        }
        l.name = n;
        l.updatedAt = Clocks.now();
        return new ListWithSize(l, contacts.count("listId", l.id));
    }

    /** Deletes the list and its members (broadcasts already accepted keep their snapshot). */
    @Transactional
    public void delete(TenantPrincipal tenant, String id) {
        ContactList l = require(tenant, id);
        contacts.delete("listId", l.id);
        lists.delete(l);
    }

    /** The tenant's lists by name, after the cursor (the last name of the previous page). */
    @Transactional
    public CursorPage<ListWithSize> page(TenantPrincipal tenant, String cursor, String size) {
        int s = size(size);
        String after = decode(cursor);
        List<ContactList> page = (after == null
                ? lists.find("tenantId = ?1", io.quarkus.panache.common.Sort.by("name"), tenant.tenantId())
                : lists.find("tenantId = ?1 and name > ?2", io.quarkus.panache.common.Sort.by("name"),
                        tenant.tenantId(), after)).page(0, s + 1).list();
        String next = null;
        if (page.size() > s) {
            page = page.subList(0, s);
            next = encode(page.get(s - 1).name);
        }
        return new CursorPage<>(page.stream().map(l -> new ListWithSize(l, contacts.count("listId", l.id))).toList(),
                next);
    }

    /** The list's members by number, after the cursor (the last number of the previous page). */
    @Transactional
    public CursorPage<Contact> contacts(TenantPrincipal tenant, String listId, String cursor, String size) {
        int s = size(size);
        String after = decode(cursor);
        ContactList l = require(tenant, listId);
        List<Contact> page = contacts.page(l.id, after, s + 1);
        String next = null;
        if (page.size() > s) {
            page = page.subList(0, s);
            next = encode(page.get(s - 1).number);
        }
        return new CursorPage<>(page, next);
    }

    /** Adds one contact; 409 when the number is on the list already. */
    @Transactional
    public Contact add(TenantPrincipal tenant, String listId, String number, JsonNode fields) {
        ContactList l = require(tenant, listId);
        String e164 = number(tenant, number);
        if (fields != null && !fields.isNull() && !fields.isObject()) {
            throw ProblemException.invalid("fields", "must be a JSON object of template fields");
        }
        if (contacts.findMember(l.id, e164).isPresent()) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409,
                    e164 + " is on the list already", null,
                    List.of(new Problem.FieldError("number", "is on the list already"))));
        }
        addMember(tenant.tenantId(), l.id, e164, fieldsJson(fields));
        l.updatedAt = Clocks.now();
        return contacts.findMember(l.id, e164).orElseThrow();
    }

    /** Removes one contact; the number may be given as E.164 or national. 404 when it is not on the list. */
    @Transactional
    public void remove(TenantPrincipal tenant, String listId, String number) {
        ContactList l = require(tenant, listId);
        String e164 = numbers.validE164(number == null ? "" : number.trim(), tenant.defaultRegion()).orElse(number);
        if (!removeMember(tenant.tenantId(), l.id, e164)) {
            throw ProblemException.notFound("contact " + number + " on list " + listId);
        }
        l.updatedAt = Clocks.now();
    }

    /**
     * Imports a CSV (header row with {@code number} and any field columns). Partial by design: every valid row is
     * stored, every other row is reported (row, value, reason) and nothing is silently dropped. Numbers already on
     * the list are reported as duplicates and left unchanged.
     */
    public ContactListImportView importCsv(TenantPrincipal tenant, String listId, String csv) {
        QuarkusTransaction.requiringNew().call(() -> require(tenant, listId));
        if (csv == null || csv.isBlank()) {
            throw ProblemException.invalid("body", "a CSV with a header row (number, then any field columns) is "
                    + "required");
        }
        List<List<String>> records = ContactListCsv.parse(csv);
        List<String> header = records.get(0).stream().map(h -> h.trim()).toList();
        int numberColumn = -1;
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).toLowerCase(Locale.ROOT).equals("number")) {
                numberColumn = i;
            }
        }
        if (numberColumn < 0) {
            throw ProblemException.invalid("body", "the header row must have a 'number' column (got "
                    + String.join(",", header) + ")");
        }
        int rows = records.size() - 1;
        if (rows > config.maxImportRows()) {
            throw ProblemException.invalid("body", "at most " + config.maxImportRows() + " rows, got " + rows);
        }
        List<BroadcastErrorView> report = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> valid = new LinkedHashMap<>();
        Map<String, Integer> rowOf = new HashMap<>();
        int invalid = 0;
        int duplicate = 0;
        for (int r = 1; r < records.size(); r++) {
            List<String> rec = records.get(r);
            int row = r + 1;
            String raw = numberColumn < rec.size() ? rec.get(numberColumn) : null;
            if (rec.size() != header.size()) {
                invalid++;
                report.add(new BroadcastErrorView(row, clip(raw), "invalid_row", "has " + rec.size()
                        + " columns, the header has " + header.size()));
                continue;
            }
            Optional<String> e164 = raw == null || raw.isBlank() ? Optional.empty()
                    : numbers.validE164(raw.trim(), tenant.defaultRegion());
            if (e164.isEmpty()) {
                invalid++;
                report.add(new BroadcastErrorView(row, clip(raw), "invalid_number", raw == null || raw.isBlank()
                        ? "a number is required"
                        : "not a valid phone number (E.164, or national in " + tenant.defaultRegion() + ")"));
                continue;
            }
            Integer first = seen.putIfAbsent(e164.get(), row);
            if (first != null) {
                duplicate++;
                report.add(new BroadcastErrorView(row, clip(raw), "duplicate", "the same number as row " + first
                        + "; imported once"));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                if (i != numberColumn && !header.get(i).isEmpty() && !rec.get(i).isEmpty()) {
                    fields.put(header.get(i), rec.get(i));
                }
            }
            valid.put(e164.get(), fields.isEmpty() ? null : toJson(fields));
            rowOf.put(e164.get(), row);
        }
        int[] imported = new int[1];
        int[] already = new int[1];
        QuarkusTransaction.requiringNew().timeout(config.bulkTransactionTimeout()).run(() -> {
            ContactList l = require(tenant, listId);
            Set<String> existing = contacts.existing(l.id, valid.keySet());
            List<Map.Entry<String, String>> fresh = new ArrayList<>(valid.size());
            for (Map.Entry<String, String> e : valid.entrySet()) {
                if (existing.contains(e.getKey())) {
                    already[0]++;
                    report.add(new BroadcastErrorView(rowOf.get(e.getKey()), e.getKey(), "duplicate",
                            "on the list already; left unchanged"));
                } else {
                    fresh.add(e);
                }
            }
            insertContacts(tenant.tenantId(), l.id, fresh);
            imported[0] = fresh.size();
            l.updatedAt = Clocks.now();
        });
        report.sort((x, y) -> Integer.compare(x.row(), y.row()));
        LOG.infof("contact list %s: imported %d of %d rows (%d invalid, %d duplicate)", listId, imported[0], rows,
                invalid, duplicate + already[0]);
        return new ContactListImportView(rows, imported[0], invalid, duplicate + already[0], report);
    }

    private void insertContacts(String tenantId, String listId, List<Map.Entry<String, String>> rows) {
        String now = UtcMillis.format(Clocks.now());
        em.unwrap(Session.class).doWork(c -> {
            for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
                List<Map.Entry<String, String>> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
                StringBuilder sql = new StringBuilder(
                        "INSERT INTO contact (id, list_id, tenant_id, number, fields, created_at) VALUES ");
                sql.append("(?, ?, ?, ?, ?, ?),".repeat(chunk.size()));
                sql.setLength(sql.length() - 1);
                try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                    int p = 1;
                    for (Map.Entry<String, String> e : chunk) {
                        ps.setString(p++, UUID.randomUUID().toString());
                        ps.setString(p++, listId);
                        ps.setString(p++, tenantId);
                        ps.setString(p++, e.getKey());
                        ps.setString(p++, e.getValue());
                        ps.setString(p++, now);
                    }
                    ps.executeUpdate();
                }
            }
        });
    }

    ContactList require(TenantPrincipal tenant, String id) {
        return lists.findForTenant(tenant.tenantId(), id)
                .orElseThrow(() -> ProblemException.notFound("contact list " + id));
    }

    private static String name(String name) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.invalid("name", "is required: 1-" + MAX_NAME + " characters, no control "
                    + "characters");
        }
        return n;
    }

    private static ProblemException nameTaken(String name) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409,
                "a contact list named '" + name + "' exists already", null,
                List.of(new Problem.FieldError("name", "is taken by another of this account's lists"))));
    }

    private String number(TenantPrincipal tenant, String number) {
        if (number == null || number.isBlank()) {
            throw ProblemException.invalid("number", "is required");
        }
        return numbers.validE164(number.trim(), tenant.defaultRegion())
                .orElseThrow(() -> ProblemException.invalid("number", "is not a valid phone number (E.164, or "
                        + "national in " + tenant.defaultRegion() + ")"));
    }

    private String fieldsJson(JsonNode fields) {
        if (fields == null || fields.isNull() || fields.isEmpty()) {
            return null;
        }
        return toJson(fields);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write contact fields", e);
        }
    }

    private int size(String size) {
        return PageCursor.pageSize(size, MessageService.DEFAULT_PAGE_SIZE, gateway.maxPageSize(), "size");
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API gave");
        }
    }

    private static String clip(String value) {
        return value == null || value.length() <= 255 ? value : value.substring(0, 255);
    }
}
