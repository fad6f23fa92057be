package io.trunkline.platform;

import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.platform.config.PlatformConfig;

/** Who this service is on the wire: its {@code ce_source}. */
@ApplicationScoped
public class ServiceIdentity {
    private final String name;

    public ServiceIdentity(PlatformConfig config) {
        this.name = config.serviceName();
    }

    public String name() {
        return name;
    }

    public String source() {
        return "/trunkline/" + name;
    }
}
