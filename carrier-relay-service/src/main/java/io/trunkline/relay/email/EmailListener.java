package io.trunkline.relay.email;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trunkline.events.SmsEncoding;
import io.trunkline.events.SmsReceived;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.relay.config.RelayConfig;
import io.trunkline.relay.smpp.Gsm7;
import io.trunkline.relay.smpp.MessageEncoder;

/**
 * E-mail-to-SMS: an SMTP listener (subethasmtp) that accepts mail to {@code <number>@<domain>} (a number in E.164,
 * with or without +) and {@code <list>@<domain>} (a contact list name of the tenant) from the senders a tenant
 * authorises ({@code trunkline.relay.email.tenants.<tenant>.senders}). Each accepted recipient becomes an
 * {@link SmsReceived} on {@code sms.inbound} with channel {@code email}, the tenant's id, {@code from} = the sender's
 * address, {@code to} = {@code +<number>} or {@code list:<name>}, and the text per {@link EmailText}; the gateway,
 * which owns tenants, lists and balances, turns it into messages on that tenant's account. Refusals: unknown sender
 * 550 5.7.1 at MAIL FROM; another domain or a malformed local part 550 5.1.1 at RCPT TO; an empty text 554.
 * The 250 after DATA is sent only after the events are committed.
 */
@ApplicationScoped
public class EmailListener {
    private static final Logger LOG = Logger.getLogger(EmailListener.class);
    private static final Pattern NUMBER = Pattern.compile("\\+?[1-9][0-9]{5,14}");
    private static final Pattern LIST = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final RelayConfig config;
    private final Outbox outbox;
    private final MeterRegistry registry;
    private volatile SMTPServer server;

    public EmailListener(RelayConfig config, Outbox outbox, MeterRegistry registry) {
        this.config = config;
        this.outbox = outbox;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        RelayConfig.Email e = config.email();
        if (!e.inboundEnabled()) {
            return;
        }
        try {
            SMTPServer s = SMTPServer.port(e.smtpPort())
                    .bindAddress(InetAddress.getByName(e.smtpBind()))
                    .hostName(e.domain())
                    .softwareName("Trunkline relay")
                    .maxMessageSize(1_000_000)
                    .maxRecipients(100)
                    .connectionTimeoutMs(60_000)
                    .messageHandlerFactory(Handler::new)
                    .build();
            s.start();
            server = s;
            LOG.infof("e-mail-to-SMS: SMTP listener on port %d for @%s", s.getPortAllocated(), e.domain());
        } catch (IOException | RuntimeException ex) {
            LOG.errorf("e-mail-to-SMS: cannot listen on port %d: %s (e-mail-to-SMS is off)", e.smtpPort(), ex);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        SMTPServer s = server;
        if (s != null) {
            s.stop();
        }
    }

    /** The port listened on, or -1 when the listener is off. */
    public int port() {
        SMTPServer s = server;
        return s == null ? -1 : s.getPortAllocated();
    }

    /** The tenant that authorises this sender (exact address, or {@code *@domain}). */
    static Optional<String> tenantOf(Map<String, RelayConfig.EmailTenant> tenants, String sender) {
        String from = sender.toLowerCase(Locale.ROOT).trim();
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "" : from.substring(at);
        return tenants.entrySet().stream()
                .filter(t -> t.getValue().senders().stream().map(a -> a.toLowerCase(Locale.ROOT).trim())
                        .anyMatch(a -> a.equals(from) || (a.startsWith("*@") && a.substring(1).equals(domain))))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    private final class Handler implements MessageHandler {
        private String sender;
        private String tenant;
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {
        }

        @Override
        public void from(String from) throws RejectException {
            Optional<String> t = tenantOf(config.email().tenants(), from == null ? "" : from);
            if (t.isEmpty()) {
                registry.counter("trunkline.relay.email.refused", "reason", "sender").increment();
                LOG.infof("e-mail from %s refused: no tenant authorises this sender", from);
                throw new RejectException(550, "5.7.1 sender " + from + " is not authorised to send SMS");
            }
            sender = from.trim();
            tenant = t.get();
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            String r = recipient.toLowerCase(Locale.ROOT).trim();
            int at = r.lastIndexOf('@');
            String local = at < 0 ? "" : r.substring(0, at);
            String domain = at < 0 ? "" : r.substring(at + 1);
            if (!domain.equals(config.email().domain().toLowerCase(Locale.ROOT))) {
                throw new RejectException(550, "5.1.1 " + recipient + ": only @" + config.email().domain()
                        + " is accepted here");
            }
            if (NUMBER.matcher(local).matches()) {
                recipients.add(local.startsWith("+") ? local : "+" + local);
            } else if (LIST.matcher(local).matches()) {
                recipients.add("list:" + local);
            } else {
                throw new RejectException(550, "5.1.1 " + recipient + ": neither a number nor a list name");
            }
        }

        @Override
        public String data(InputStream data) throws RejectException, IOException {
            EmailText.Parsed mail = EmailText.parse(data, config.email().maxTextLength());
            String text = mail.text();
            if (text.isBlank()) {
                throw new RejectException(554, "5.6.0 the message has no text (body and subject are empty)");
            }
            SmsEncoding encoding = Gsm7.canEncode(text) ? SmsEncoding.GSM7 : SmsEncoding.UCS2;
            int segments;
            try {
                segments = MessageEncoder.encode(text, encoding, 0).size();
            } catch (IllegalArgumentException e) {
                throw new RejectException(552, "5.3.4 " + e.getMessage());
            }
            Instant now = Instant.now();
            QuarkusTransaction.requiringNew().run(() -> {
                for (String to : recipients) {
                    outbox.publish(new SmsReceived(UUID.randomUUID().toString(), tenant, sender, to, text, encoding,
                            segments, "email", "email:" + sender, now));
                }
            });
            registry.counter("trunkline.relay.email.accepted").increment(recipients.size());
            LOG.debugf("e-mail from %s (tenant %s) to %s accepted", sender, tenant, recipients);
            return null;
        }

        @Override
        public void done() {
        }
    }
}
