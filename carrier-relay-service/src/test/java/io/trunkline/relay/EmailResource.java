package io.trunkline.relay;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** GreenMail (a real SMTP server) for SMS-to-email, and the e-mail-to-SMS listener's domain and tenants. */
public class EmailResource implements QuarkusTestResourceLifecycleManager {
    private static volatile GreenMail mail;

    static GreenMail mail() {
        return mail;
    }

    @Override
    public Map<String, String> start() {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> p = new HashMap<>();
        p.put("quarkus.mailer.mock", "false");
        p.put("quarkus.mailer.host", "127.0.0.1");
        p.put("quarkus.mailer.port", String.valueOf(port));
        p.put("trunkline.relay.email.outbound-domain", "mail.example");
        p.put("trunkline.relay.email.domain", "sms.test");
        p.put("trunkline.relay.email.tenants.tenant-e.senders", "boss@acme.example,*@ops.acme.example");
        p.put("trunkline.relay.email.tenants.tenant-f.senders", "someone@other.example");
        p.put("trunkline.relay.carriers.sandbox.host", "127.0.0.1");
        p.put("trunkline.relay.carriers.sandbox.port", "1");
        return p;
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.stop();
            mail = null;
        }
    }
}
