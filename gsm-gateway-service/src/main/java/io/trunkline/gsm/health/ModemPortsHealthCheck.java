package io.trunkline.gsm.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import io.trunkline.gsm.port.ModemPort;
import io.trunkline.gsm.service.ModemPool;

/**
 * Ready while at least one modem port is READY or BUSY, each port listed with its state. With no port configured
 * (the default outside a modem host: tests of other modules, docker) it stays UP, so the platform starts; messages
 * routed to gsm then wait in the queue.
 */
@Readiness
@ApplicationScoped
public class ModemPortsHealthCheck implements HealthCheck {
    private final ModemPool pool;

    public ModemPortsHealthCheck(ModemPool pool) {
        this.pool = pool;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("gsm-modem-ports");
        if (pool.ports().isEmpty()) {
            b.withData("ports", "none configured");
        }
        for (ModemPort p : pool.ports()) {
            b.withData(p.name(), p.state().name());
        }
        return b.status(pool.ready()).build();
    }
}
