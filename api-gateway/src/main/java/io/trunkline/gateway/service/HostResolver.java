package io.trunkline.gateway.service;

import java.net.InetAddress;
import java.net.UnknownHostException;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Name resolution for webhook receivers, apart so that {@link ReceiverAddresses} resolves each delivery's host once and
 * the dispatcher connects to exactly what was checked. The system resolver (hosts file, then DNS, with the JVM's
 * cache); tests put a resolver of their own in its place for names no DNS server knows.
 */
@ApplicationScoped
public class HostResolver {

    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
