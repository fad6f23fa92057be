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
 * a DNS lookup on the request path) and before each delivery (the name is resolved and every address must be public,
 * so a name that later points inside is not called). A name re-pointed between the check and the connection itself
 * (DNS rebinding within the resolver cache's lifetime) is not covered.
 */
@ApplicationScoped
public class ReceiverAddresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowPrivate;

    @Inject
    public ReceiverAddresses(WebhookConfig config) {
        this(config.allowPrivateAddresses());
    }

    ReceiverAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
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

    /** Why a delivery to this URL must not be made now, or null: its host resolves to a non-public address. */
    public String refuseDelivery(String url) {
        if (allowPrivate) {
            return null;
        }
        String host = hostOf(url);
        if (host == null) {
            return "the URL has no host";
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!isPublic(a)) {
                    return "the receiver " + host + " resolves to " + a.getHostAddress()
                            + ", which is not a public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "the receiver's host " + host + " cannot be resolved";
        }
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
