package io.trunkline.voice.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.trunkline.voice.asterisk.AmiConnection;
import io.trunkline.voice.asterisk.Drivers;
import io.trunkline.voice.config.VoiceConfig;

/**
 * Ready only while logged in to AMI, when the driver needs AMI (ami, or callfile with AMI events): a voice-service
 * that cannot reach Asterisk must not take calls. With driver {@code none} (no Asterisk configured: other modules'
 * tests, docker without Asterisk) the check is UP, so the service still stores requests and answers its API.
 */
@Readiness
@ApplicationScoped
public class AmiReadiness implements HealthCheck {
    private final Drivers drivers;
    private final AmiConnection ami;
    private final VoiceConfig config;

    public AmiReadiness(Drivers drivers, AmiConnection ami, VoiceConfig config) {
        this.drivers = drivers;
        this.ami = ami;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        String driver = config.driver().name().toLowerCase();
        if (!drivers.usesAmi()) {
            return HealthCheckResponse.named("asterisk").up().withData("driver", driver)
                    .withData("ami", "not used").build();
        }
        String at = config.ami().host() + ":" + config.ami().port();
        return HealthCheckResponse.named("asterisk").status(ami.loggedIn()).withData("driver", driver)
                .withData("ami", at).withData("loggedIn", ami.loggedIn()).build();
    }
}
