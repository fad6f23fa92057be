package io.trunkline.gsm.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.gsm.port.ModemPort;
import io.trunkline.gsm.repository.QueuedMessageRepository;
import io.trunkline.gsm.service.ModemPool;
import io.trunkline.platform.rest.OperatorOnly;
import io.trunkline.platform.rest.ProblemException;

/** The modem ports for the operator's ops team (bearer {@code TRUNKLINE_OPERATOR_TOKEN}). */
@Path("/ops/gsm")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class OpsResource {
    private final ModemPool pool;
    private final QueuedMessageRepository messages;

    public OpsResource(ModemPool pool, QueuedMessageRepository messages) {
        this.pool = pool;
        this.messages = messages;
    }

    @GET
    @Path("/ports")
    @Operation(summary = "Every modem port: state, since when, signal, registration, SIM, caps, usage, queue")
    public Map<String, Object> ports() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> out = new LinkedHashMap<>();
            List<Map<String, Object>> ports = pool.ports().stream().map(p -> withQueue(p)).toList();
            out.put("ready", pool.ready());
            out.put("queuedForAnyPort", messages.queuedUnassigned());
            out.put("ports", ports);
            return out;
        });
    }

    @GET
    @Path("/ports/{name}")
    @Operation(summary = "One modem port")
    public Map<String, Object> port(@PathParam("name") String name) {
        ModemPort p = pool.port(name);
        if (p == null) {
            throw ProblemException.notFound("modem port " + name);
        }
        return QuarkusTransaction.requiringNew().call(() -> withQueue(p));
    }

    private Map<String, Object> withQueue(ModemPort p) {
        Map<String, Object> d = p.describe();
        d.put("queuedForThisPort", messages.queuedFor(p.name()));
        return d;
    }
}
