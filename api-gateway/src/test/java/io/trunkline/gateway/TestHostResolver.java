package io.trunkline.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.trunkline.gateway.service.HostResolver;

/**
 * The gateway's resolver in tests: names under {@value #DOMAIN} (a reserved name, RFC 6761, that no DNS server
 * answers) are 127.0.0.1 here and nowhere else; every other name goes to the system resolver. A delivery to such a name
 * reaches its receiver only if the gateway connects to the address this resolver gave, never looking the name up again.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestHostResolver extends HostResolver {
    static final String DOMAIN = ".webhook.test";

    /** The names looked up under {@value #DOMAIN}, in order. */
    static final List<String> LOOKED_UP = new CopyOnWriteArrayList<>();

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.endsWith(DOMAIN)) {
            LOOKED_UP.add(host);
            return new InetAddress[] { InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }) };
        }
        return super.resolve(host);
    }
}
