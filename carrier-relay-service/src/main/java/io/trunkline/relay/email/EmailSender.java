package io.trunkline.relay.email;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.service.CarrierLinks;
import io.trunkline.relay.service.Claim;
import io.trunkline.relay.service.Outcome;
import io.trunkline.relay.service.SubmitService;

/**
 * SMS-to-email: messages routed {@code email} / {@code email:<address>} are queued like carrier traffic (carrier
 * {@value #CARRIER}) and sent, one thread, as plain-text mails with quarkus-mailer to the configured SMTP server
 * ({@code quarkus.mailer.*}). The SMTP server accepting the mail is SENT and then DELIVERED (there are no receipts for
 * mail); a mail it refuses or a server that cannot be reached is tried again up to {@code send-attempts} times (each
 * a new claim), then FAILED. A message without an address (no {@code email:<address>}, no {@code outbound-domain})
 * FAILS at once.
 */
@ApplicationScoped
public class EmailSender implements Runnable {
    public static final String CARRIER = "email";
    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final Duration IDLE = Duration.ofSeconds(1);

    private final Mailer mailer;
    private final SubmitService submits;
    private final RelayConfig config;
    private final CarrierLinks carriers;
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running = true;
    private Thread thread;

    public EmailSender(Mailer mailer, SubmitService submits, RelayConfig config, CarrierLinks carriers) {
        this.mailer = mailer;
        this.submits = submits;
        this.config = config;
        this.carriers = carriers;
    }

    void start(@Observes StartupEvent event) {
        carriers.register(CARRIER, work);
        thread = new Thread(this, "email-sender");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** The address a message goes to, or null. */
    String addressOf(Claim c) {
        String route = c.route() == null ? "" : c.route();
        if (route.startsWith(CARRIER + ":") && route.contains("@")) {
            return route.substring(CARRIER.length() + 1).trim();
        }
        if (c.destination().contains("@")) {
            return c.destination();
        }
        return config.email().outboundDomain()
                .map(d -> (c.destination().startsWith("+") ? c.destination().substring(1) : c.destination()) + "@" + d)
                .orElse(null);
    }

    @Override
    public void run() {
        Duration idle = IDLE;
        Duration idleMax = config.idlePollMax().compareTo(IDLE) < 0 ? IDLE : config.idlePollMax();
        while (running) {
            try {
                List<Claim> claims = submits.claimBatch(CARRIER, 10);
                if (claims.isEmpty()) {
                    // idle: woken at once by a message queued here; else polls ever more slowly, up to idle-poll-max
                    idle = work.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS) ? IDLE
                            : (idle.multipliedBy(2).compareTo(idleMax) > 0 ? idleMax : idle.multipliedBy(2));
                    work.drainPermits();
                    continue;
                }
                idle = IDLE;
                for (Claim c : claims) {
                    Outcome o = send(c);
                    submits.complete(c, o);
                    if (o.kind() == Outcome.Kind.SENT) {
                        submits.markDelivered(c.messageId(), "accepted by the SMTP server");
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "e-mail sender error; continuing");
                try {
                    Thread.sleep(IDLE.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    Outcome send(Claim c) {
        String to = addressOf(c);
        if (to == null) {
            return Outcome.failed("NO_ADDRESS", "route " + c.route() + " names no e-mail address and no "
                    + "trunkline.relay.email.outbound-domain is set", List.of(), 1);
        }
        String subject = config.email().subject().replace("{from}", c.sender()).replace("{to}", c.destination());
        try {
            mailer.send(Mail.withText(to, subject, c.text()).setFrom(config.email().from())
                    .addHeader("X-Trunkline-Message-Id", c.messageId()));
            return Outcome.sent(List.of("email-" + c.messageId()));
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            if (c.attempts() >= config.email().sendAttempts()) {
                return Outcome.failed("SMTP", "mail to " + to + " not accepted after " + c.attempts()
                        + " attempts: " + why, List.of(), 1);
            }
            LOG.warnf("%s: mail to %s not sent (%s); attempt %d of %d", c.messageId(), to, why, c.attempts(),
                    config.email().sendAttempts());
            return Outcome.requeue(why);
        }
    }
}
