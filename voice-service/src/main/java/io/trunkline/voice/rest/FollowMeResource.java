package io.trunkline.voice.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.trunkline.events.EventCodec;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.voice.FollowMeProfile;
import io.trunkline.voice.repository.FollowMeProfileRepository;
import io.trunkline.voice.service.FollowMe;
import io.trunkline.platform.rest.OperatorOnly;

/**
 * A tenant's follow-me profiles, reached through the api-gateway, which sets {@link TenantHeader#NAME} and sends the
 * operator token ({@link OperatorOnly}).
 */
@Path("/v1/follow-me-profiles")
@OperatorOnly
@Produces(MediaType.APPLICATION_JSON)
public class FollowMeResource {

    /** {@code mode} HUNT (default: one after another) or RING_ALL; {@code ringSeconds} 1..120, default 20. */
    public record ProfileRequest(String name, String mode, List<String> numbers, Integer ringSeconds) {
    }

    public record ProfileView(String profileId, String name, String mode, List<String> numbers, int ringSeconds,
            Instant createdAt, Instant updatedAt) {
    }

    private final FollowMeProfileRepository profiles;

    public FollowMeResource(FollowMeProfileRepository profiles) {
        this.profiles = profiles;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(@HeaderParam(TenantHeader.NAME) String tenantHeader, ProfileRequest body) {
        String tenant = TenantHeader.require(tenantHeader);
        FollowMeProfile p = new FollowMeProfile();
        p.profileId = UUID.randomUUID().toString();
        p.tenantId = tenant;
        p.createdAt = Instant.now();
        apply(p, body);
        profiles.persist(p);
        return Response.created(URI.create("/v1/follow-me-profiles/" + p.profileId)).entity(view(p)).build();
    }

    @GET
    @Transactional
    public List<ProfileView> list(@HeaderParam(TenantHeader.NAME) String tenantHeader) {
        String tenant = TenantHeader.require(tenantHeader);
        return profiles.list("tenantId = ?1 order by name", tenant).stream().map(FollowMeResource::view).toList();
    }

    @GET
    @Path("{id}")
    @Transactional
    public ProfileView get(@HeaderParam(TenantHeader.NAME) String tenantHeader, @PathParam("id") String id) {
        return view(owned(TenantHeader.require(tenantHeader), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public ProfileView update(@HeaderParam(TenantHeader.NAME) String tenantHeader, @PathParam("id") String id,
            ProfileRequest body) {
        FollowMeProfile p = owned(TenantHeader.require(tenantHeader), id);
        apply(p, body);
        return view(p);
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@HeaderParam(TenantHeader.NAME) String tenantHeader, @PathParam("id") String id) {
        profiles.delete(owned(TenantHeader.require(tenantHeader), id));
        return Response.noContent().build();
    }

    private FollowMeProfile owned(String tenant, String id) {
        FollowMeProfile p = profiles.findById(id);
        if (p == null || !p.tenantId.equals(tenant)) {
            throw ProblemException.notFound("follow-me profile " + id);
        }
        return p;
    }

    private static void apply(FollowMeProfile p, ProfileRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a profile is required");
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 128) {
            throw ProblemException.invalid("name", "a name of 1 to 128 characters is required");
        }
        String mode = body.mode() == null ? "HUNT" : body.mode().trim().toUpperCase();
        if (!mode.equals("HUNT") && !mode.equals("RING_ALL")) {
            throw ProblemException.invalid("mode", "HUNT or RING_ALL");
        }
        List<String> numbers = body.numbers() == null ? List.of() : body.numbers();
        if (numbers.isEmpty() || numbers.size() > 10) {
            throw ProblemException.invalid("numbers", "1 to 10 numbers are required");
        }
        CallResource.numbers("numbers", numbers);
        int ring = body.ringSeconds() == null ? 20 : body.ringSeconds();
        if (ring < 1 || ring > 120) {
            throw ProblemException.invalid("ringSeconds", "between 1 and 120");
        }
        p.name = body.name().trim();
        p.mode = mode;
        try {
            p.numbers = EventCodec.mapper().writeValueAsString(numbers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        p.ringSeconds = ring;
        p.updatedAt = Instant.now();
    }

    private static ProfileView view(FollowMeProfile p) {
        return new ProfileView(p.profileId, p.name, p.mode, FollowMe.numbers(p.numbers), p.ringSeconds, p.createdAt,
                p.updatedAt);
    }
}
