package io.trunkline.relay.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.smpp.CarrierLink;

/** Ready only while every configured carrier (or one of its failover carriers) is bound; each carrier's binds are listed with their state. */
@Readiness
@ApplicationScoped
public class CarrierBindHealthCheck implements HealthCheck {
    private final CarrierLinks carriers;

    public CarrierBindHealthCheck(CarrierLinks carriers) {
        this.carriers = carriers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("smpp-carriers");
        boolean up = true;
        for (CarrierLink link : carriers.links().values()) {
            // a carrier that is down does not make the relay unready while one of its failover carriers is bound
            up &= link.bound() || link.config().failover().orElse(java.util.List.of()).stream()
                    .anyMatch(f -> carriers.link(f).map(CarrierLink::bound).orElseGet(() -> carriers.available(f)));
            link.describe().forEach((bind, state) -> b.withData(link.name() + "." + bind, state));
            b.withData(link.name() + ".circuit", link.circuitState());
        }
        // an HTTP carrier has no bind to wait for: its circuit is shown, it never makes the relay unready
        carriers.httpCarriers().keySet().forEach(name -> carriers.httpCircuit(name)
                .ifPresent(state -> b.withData(name + ".circuit", state)));
        return b.status(up).build();
    }
}
