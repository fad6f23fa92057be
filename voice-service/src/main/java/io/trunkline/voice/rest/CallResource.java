package io.trunkline.voice.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.events.CallKind;
import io.trunkline.events.CallRequested;
import io.trunkline.events.CallStatus;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.voice.CallLeg;
import io.trunkline.voice.CallSession;
import io.trunkline.voice.repository.CallEventRepository;
import io.trunkline.voice.repository.CallLegRepository;
import io.trunkline.voice.repository.CallSessionRepository;
import io.trunkline.voice.service.CallEngine;
import io.trunkline.voice.service.CallQueue;
import io.trunkline.voice.service.FollowMe;
import io.trunkline.voice.service.Voices;
import io.trunkline.platform.rest.OperatorOnly;

/**
 * The tenant call API, reached through the api-gateway, which authenticates the tenant, sets {@link TenantHeader#NAME}
 * and proves itself with the operator token ({@link OperatorOnly}).
 */
@Path("/v1/calls")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class CallResource {
    static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    static final Pattern CALL_ID = Pattern.compile("^[0-9a-fA-F-]{36}$");

    /**
     * A call to place; {@code kind} defaults to CLICK_TO_CALL. {@code callId} (a UUID) may be chosen by the caller: the
     * api-gateway records the call under that id before asking, so no status step can arrive for a call it does not
     * know yet; otherwise voice assigns one.
     */
    public record CallRequest(String callId, CallKind kind, List<String> agents, List<String> customers, String callerId,
            String speechText, String voice, String profileId, String reference, String statusCallback,
            Instant deadline) {
    }

    public record CallAccepted(String callId, CallStatus status) {
    }

    public record CallSummary(String callId, CallKind kind, CallStatus status, String reason, String reference,
            Instant createdAt, Instant endedAt) {
    }

    public record CallPage(List<CallSummary> items, int page, int size, long total) {
    }

    public record Step(CallStatus status, String party, String reason, Instant at) {
    }

    public record LegView(String legId, String role, String party, int attempt, String outcome, String hangupCause,
            Instant startedAt, Instant answeredAt, Instant endedAt, long billableSeconds) {
    }

    public record CallView(String callId, CallKind kind, CallStatus status, String reason, List<String> agents,
            List<String> customers, String callerId, String profileId, String reference, String trunk,
            Instant createdAt, Instant endedAt, List<Step> timeline, List<LegView> legs) {
    }

    private final CallQueue queue;
    private final CallEngine engine;
    private final CallSessionRepository sessions;
    private final CallEventRepository timeline;
    private final CallLegRepository legs;

    public CallResource(CallQueue queue, CallEngine engine, CallSessionRepository sessions,
            CallEventRepository timeline, CallLegRepository legs) {
        this.queue = queue;
        this.engine = engine;
        this.sessions = sessions;
        this.timeline = timeline;
        this.legs = legs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response place(@HeaderParam(TenantHeader.NAME) String tenantHeader, CallRequest body) {
        String tenant = TenantHeader.require(tenantHeader);
        if (body == null) {
            throw ProblemException.invalid("body", "a call request is required");
        }
        CallKind kind = body.kind() == null ? CallKind.CLICK_TO_CALL : body.kind();
        List<String> agents = body.agents() == null ? List.of() : body.agents();
        List<String> customers = body.customers() == null ? List.of() : body.customers();
        numbers("agents", agents);
        numbers("customers", customers);
        if (body.callerId() != null && !E164.matcher(body.callerId()).matches()) {
            throw ProblemException.invalid("callerId", "must be an E.164 number such as +27115550000");
        }
        switch (kind) {
            case CLICK_TO_CALL, SMS_TO_CALL -> {
                if (agents.isEmpty()) {
                    throw ProblemException.invalid("agents", "at least one agent number is required");
                }
                if (customers.isEmpty()) {
                    throw ProblemException.invalid("customers", "the customer number is required");
                }
            }
            case FOLLOW_ME -> {
                if (agents.isEmpty() && (body.profileId() == null || body.profileId().isBlank())) {
                    throw ProblemException.invalid("profileId", "a follow-me profile or agent numbers are required");
                }
            }
            case SPEECH_BROADCAST -> {
                if (customers.isEmpty()) {
                    throw ProblemException.invalid("customers", "the numbers to call are required");
                }
                if (body.speechText() == null || body.speechText().isBlank()) {
                    throw ProblemException.invalid("speechText", "the text to speak is required");
                }
                if (Voices.canonical(body.voice()) == null) {
                    throw ProblemException.invalid("voice",
                            "one of male|female-en-US, male|female-en-GB, male|female-en-IN");
                }
            }
        }
        if (body.statusCallback() != null && !body.statusCallback().matches("^https?://.+")) {
            throw ProblemException.invalid("statusCallback", "must be an http(s) URL");
        }
        if (body.callId() != null && !CALL_ID.matcher(body.callId()).matches()) {
            throw ProblemException.invalid("callId", "must be a UUID");
        }
        Instant now = Instant.now();
        String callId = body.callId() != null ? body.callId().toLowerCase(java.util.Locale.ROOT)
                : UUID.randomUUID().toString();
        CallRequested call = new CallRequested(callId, tenant, kind, agents, customers,
                body.callerId(), body.speechText(), kind == CallKind.SPEECH_BROADCAST ? Voices.canonical(body.voice())
                        : body.voice(), body.profileId(), body.reference(), body.statusCallback(), body.deadline(), now);
        if (!QuarkusTransaction.requiringNew().call(() -> queue.enqueue(call))) {
            throw ProblemException.conflict("call " + callId + " exists already");
        }
        engine.wake();
        return Response.accepted(new CallAccepted(call.callId(), CallStatus.QUEUED))
                .location(URI.create("/v1/calls/" + call.callId())).build();
    }

    /** The tenant's calls, newest first. */
    @GET
    public CallPage list(@HeaderParam(TenantHeader.NAME) String tenantHeader, @QueryParam("page") Integer page,
            @QueryParam("size") Integer size) {
        String tenant = TenantHeader.require(tenantHeader);
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        if (p < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (n < 1 || n > 100) {
            throw ProblemException.invalid("size", "between 1 and 100");
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CallSummary> items = sessions.find("tenantId = ?1 order by createdAt desc, callId", tenant)
                    .page(p, n).list().stream()
                    .map(s -> new CallSummary(s.callId, s.kind, s.state, s.reason, s.reference, s.createdAt,
                            s.endedAt))
                    .toList();
            return new CallPage(items, p, n, sessions.count("tenantId", tenant));
        });
    }

    @GET
    @Path("{id}")
    public CallView get(@HeaderParam(TenantHeader.NAME) String tenantHeader, @PathParam("id") String id) {
        String tenant = TenantHeader.require(tenantHeader);
        return QuarkusTransaction.requiringNew().call(() -> {
            CallSession s = sessions.findById(id);
            if (s == null || !s.tenantId.equals(tenant)) {
                throw ProblemException.notFound("call " + id);
            }
            List<Step> steps = timeline.list("callId = ?1 order by id", id).stream()
                    .map(e -> new Step(e.status, e.party, e.reason, e.occurredAt)).toList();
            List<LegView> legViews = legs.list("callId = ?1 order by legSeq", id).stream()
                    .map(CallResource::view).toList();
            return new CallView(s.callId, s.kind, s.state, s.reason, FollowMe.numbers(s.agents),
                    FollowMe.numbers(s.customers), s.callerId, s.profileId, s.reference, s.trunk, s.createdAt,
                    s.endedAt, steps, legViews);
        });
    }

    private static LegView view(CallLeg l) {
        return new LegView(l.legId, l.role, l.party, l.attempt, l.outcome, l.hangupCause, l.startedAt, l.answeredAt,
                l.endedAt, l.billableSeconds);
    }

    static void numbers(String field, List<String> numbers) {
        for (int i = 0; i < numbers.size(); i++) {
            String n = numbers.get(i);
            if (n == null || !E164.matcher(n).matches()) {
                throw ProblemException.invalid(field + "[" + i + "]", "must be an E.164 number such as +27821234567");
            }
        }
    }
}
