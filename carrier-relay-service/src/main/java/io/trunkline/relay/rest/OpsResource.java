package io.trunkline.relay.rest;

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
import io.trunkline.platform.rest.OperatorOnly;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.repository.RelayMessageRepository;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.smpp.CarrierLink;

/** The carriers for the operator's ops team (bearer {@code TRUNKLINE_OPERATOR_TOKEN}): binds, circuit, queue. */
@Path("/ops/carriers")
@Produces(MediaType.APPLICATION_JSON)
@OperatorOnly
public class OpsResource {
    private final CarrierLinks carriers;
    private final RelayMessageRepository messages;
    private final RelayConfig config;

    public OpsResource(CarrierLinks carriers, RelayMessageRepository messages, RelayConfig config) {
        this.carriers = carriers;
        this.messages = messages;
        this.config = config;
    }

    @GET
    @Operation(summary = "Every carrier: binds, circuit state, failover carriers, queued messages")
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new java.util.ArrayList<>(carriers.links().values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).map(this::describe).toList());
        carriers.httpCarriers().keySet().forEach(name -> out.add(describeHttp(name)));
        return out;
    }

    @GET
    @Path("/{name}")
    @Operation(summary = "One carrier")
    public Map<String, Object> one(@PathParam("name") String name) {
        if (carriers.configuredHttp(name)) {
            return describeHttp(name);
        }
        return describe(carriers.link(name).orElseThrow(() -> ProblemException.notFound("carrier " + name)));
    }

    private Map<String, Object> describeHttp(String name) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("protocol", "http");
        d.put("consecutiveUnanswered", carriers.httpCarriers().getOrDefault(name, 0));
        d.put("circuit", carriers.httpCircuit(name).orElse("CLOSED"));
        d.put("failover", config.httpCarriers().get(name).failover().orElse(List.of()));
        d.put("queued", QuarkusTransaction.requiringNew().call(() -> messages.count("carrier = ?1 and state = ?2",
                name, io.trunkline.relay.RelayMessage.State.QUEUED)));
        return d;
    }

    private Map<String, Object> describe(CarrierLink link) {
        Map<String, Object> d = new LinkedHashMap<>();
        RelayConfig.Carrier c = link.config();
        d.put("name", link.name());
        d.put("protocol", "smpp");
        d.put("bound", link.bound());
        d.put("circuit", link.circuitState());
        d.put("binds", link.describe());
        d.put("windowSize", c.windowSize());
        d.put("maxSubmitsPerSecond", c.maxSubmitsPerSecond());
        d.put("longMessages", c.longMessages().name());
        d.put("failover", c.failover().orElse(List.of()));
        d.put("queued", QuarkusTransaction.requiringNew().call(() -> messages.count("carrier = ?1 and state = ?2",
                link.name(), io.trunkline.relay.RelayMessage.State.QUEUED)));
        return d;
    }
}
