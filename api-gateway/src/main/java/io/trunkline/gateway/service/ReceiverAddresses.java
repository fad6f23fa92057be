package io.trunkline.gateway.service;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trunkline.gateway.config.WebhookConfig;

/**
 * Where the gateway may POST a tenant's webhooks and status callbacks: public addresses only, unless
 * {@code trunkline.gateway.webhooks.allow-private-addresses} (local runs and tests, whose receivers are on the same
 * machine). Without it a tenant could make the gateway call the operator's own network (databases' HTTP ports, cloud
 * metadata at 169.254.169.254, admin consoles) and read the outcome in its delivery log.
 *
 * <p>Checked twice: when a URL is given (a literal private IP or a {@code localhost} name is refused with 400, without
 * a DNS lookup on the request path) and before each delivery ({@link #lookUp}: the name is resolved once, every address
 * must be public, and the delivery connects to the address checked, never to a second lookup's answer, so a name
 * re-pointed inside between the check and the connection, DNS rebinding, is not called).
 */
@ApplicationScoped
public class ReceiverAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowPrivate;
    private final HostResolver resolver;

    @Inject
    public ReceiverAddresses(WebhookConfig config, HostResolver resolver) {
        this(config.allowPrivateAddresses(), resolver);
    }

    ReceiverAddresses(boolean allowPrivate, HostResolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /**
     * Where one delivery connects: {@code address} (checked) for {@code host} (sent as the Host header and the TLS
     * name), or why it must not be made now ({@code refused}, the others null).
     */
    public record Receiver(String host, InetAddress address, String refused) {
        static Receiver refused(String why) {
            return new Receiver(null, null, why);
        }
    }

    /** Why a URL given by a tenant is refused, or null; no DNS lookup. */
    public String refuseGiven(String url) {
        if (allowPrivate || url == null) {
            return null;
        }
        String host = hostOf(url);
        if (host == null) {
            return null; // the caller's own URL check names what is wrong
        }
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return "must not point at this gateway's own machine (" + host + ")";
        }
        if (isLiteral(host)) {
            try {
                InetAddress a = InetAddress.getByName(host);
                if (!isPublic(a)) {
                    return "must be a public address, not " + a.getHostAddress();
                }
            } catch (UnknownHostException e) {
                return "is not a valid address";
            }
        }
        return null;
    }

    /**
     * Resolves the receiver of a delivery once. Refused when the URL has no host, the name does not resolve, or (unless
     * private addresses are allowed) any of its addresses is not public: a name with one inside address is refused
     * whole, rather than hoping the public one is picked.
     */
    public Receiver lookUp(String url) {
        String host = hostOf(url);
        if (host == null) {
            return Receiver.refused("the URL has no host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
            if (addresses.length == 0) {
                throw new UnknownHostException(host);
            }
        } catch (UnknownHostException e) {
            return Receiver.refused("the receiver's host " + host + " cannot be resolved");
        }
        if (!allowPrivate) {
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    return Receiver.refused("the receiver " + host + " resolves to " + a.getHostAddress()
                            + ", which is not a public address");
                }
            }
        }
        return new Receiver(host, addresses[0], null);
    }

    /** Not loopback, private (RFC 1918, RFC 4193), link-local, shared (RFC 6598), unspecified or multicast. */
    static boolean isPublic(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0 && !(first == 100 && second >= 64 && second < 128) && first < 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) != 0xfc; // fc00::/7 unique local
        }
        return true;
    }

    private static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    private static String hostOf(String url) {
        try {
            String host = new URI(url.trim()).getHost();
            if (host == null) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        } catch (Exception e) {
            return null;
        }
    }
}
