package io.trunkline.voice.asterisk;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.trunkline.voice.config.VoiceConfig;

/**
 * The driver this deployment uses ({@code trunkline.voice.driver}): none, ami, or callfile (with AMI listening too
 * when {@code trunkline.voice.callfile.ami-events} is true). Starting it starts the AMI connection if it needs one.
 */
@ApplicationScoped
public class Drivers {
    private final VoiceConfig config;
    private final AmiConnection ami;
    private CallDriver driver;

    public Drivers(VoiceConfig config, AmiConnection ami) {
        this.config = config;
        this.ami = ami;
    }

    /** The configured driver, created on first use; null for {@code none}. */
    public synchronized CallDriver driver() {
        if (driver != null || config.driver() == VoiceConfig.Driver.NONE) {
            return driver;
        }
        if (config.driver() == VoiceConfig.Driver.AMI) {
            driver = new AmiDriver(ami);
            ami.start();
        } else {
            boolean listen = config.callfile().amiEvents();
            driver = new CallFileDriver(config.callfile(), listen ? ami : null);
            if (listen) {
                ami.start();
            }
        }
        return driver;
    }

    /** Whether readiness depends on the AMI login. */
    public boolean usesAmi() {
        return config.driver() == VoiceConfig.Driver.AMI
                || (config.driver() == VoiceConfig.Driver.CALLFILE && config.callfile().amiEvents());
    }

    @PreDestroy
    synchronized void stop() {
        if (driver instanceof CallFileDriver c) {
            c.close();
        }
    }
}
