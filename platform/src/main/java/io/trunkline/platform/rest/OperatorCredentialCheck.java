package io.trunkline.platform.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/** Says at startup what a deployment must fix in its operator token, rather than at the first refused call. */
@ApplicationScoped
public class OperatorCredentialCheck {
    private static final Logger LOG = Logger.getLogger(OperatorCredentialCheck.class);

    void onStart(@Observes StartupEvent event, Instance<OperatorCredential> credential) {
        if (credential.isResolvable()) {
            String warning = credential.get().startupWarning(LaunchMode.current() == LaunchMode.NORMAL);
            if (warning != null) {
                LOG.warn(warning);
            }
        }
    }
}
