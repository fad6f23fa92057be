package io.trunkline.gateway.service;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.trunkline.gateway.InboundMessage;
import io.trunkline.gateway.repository.InboundMessageRepository;
import io.trunkline.gateway.rest.InboundPage;
import io.trunkline.gateway.rest.InboundView;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/** Reading stored inbound messages: a tenant its own ({@code /v1/inbound}), the operator all and the unmatched. */
@ApplicationScoped
public class InboundQueryService {
    private final InboundMessageRepository inbound;
    private final AppService apps;

    public InboundQueryService(InboundMessageRepository inbound, AppService apps) {
        this.inbound = inbound;
        this.apps = apps;
    }

    /** Query parameters of a listing, as given. */
    public record Query(String from, String to, String keyword, String since, String until, String cursor,
            String limit) {
    }

    /** The tenant's message; 404 for an unknown id and another tenant's message alike. */
    @Transactional
    public InboundView get(String tenantId, String id) {
        return InboundView.of(inbound.findForTenant(tenantId, id)
                .orElseThrow(() -> ProblemException.notFound("inbound message " + id)));
    }

    @Transactional
    public InboundPage list(String tenantId, Query q) {
        return page(tenantId, false, false, q);
    }

    /** Every stored message, or only the unmatched ones (the operator's catch-all). */
    @Transactional
    public InboundPage operatorList(boolean unmatchedOnly, Query q) {
        return page(null, true, unmatchedOnly, q);
    }

    private InboundPage page(String tenantId, boolean operator, boolean unmatchedOnly, Query q) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant since = instant("since", q.since(), errors);
        Instant until = instant("until", q.until(), errors);
        if (since != null && until != null && !until.isAfter(since)) {
            errors.add(new Problem.FieldError("until", "must be after since"));
        }
        int limit = 0;
        try {
            limit = apps.pageSize(q.limit());
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
        }
        PageCursor cursor = null;
        try {
            cursor = PageCursor.decode(q.cursor());
        } catch (ProblemException e) {
            errors.addAll(e.problem().errors());
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        String keyword = AppService.blankToNull(q.keyword());
        InboundMessageRepository.Filter f = new InboundMessageRepository.Filter(tenantId, operator, unmatchedOnly,
                AppService.blankToNull(q.from()), AppService.blankToNull(q.to()),
                keyword == null ? null : keyword.toUpperCase(Locale.ROOT), since, until);
        List<InboundMessage> rows = inbound.page(f, cursor == null ? null : cursor.time(),
                cursor == null ? null : cursor.id(), limit + 1);
        String next = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            InboundMessage last = rows.get(limit - 1);
            next = new PageCursor(last.receivedAt, last.id).encode();
        }
        return new InboundPage(rows.stream().map(InboundView::of).toList(), next);
    }

    private static Instant instant(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be an RFC 3339 UTC time, e.g. 2026-11-26T00:00:00Z"));
            return null;
        }
    }
}
