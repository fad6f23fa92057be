package io.trunkline.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverAddressesTest {
    private final ReceiverAddresses deployed = new ReceiverAddresses(false, new HostResolver());
    private final ReceiverAddresses local = new ReceiverAddresses(true, new HostResolver());

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "240.0.0.1", "::1", "::", "fe80::1",
        "fc00::1", "fd12:3456::1", "ff02::1" })
    void notPublic(String address) throws Exception {
        assertFalse(ReceiverAddresses.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "100.63.255.255", "203.0.113.9",
        "2001:4860:4860::8888" })
    void isPublic(String address) throws Exception {
        assertTrue(ReceiverAddresses.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:8080/hook", "https://api.localhost/hook", "http://127.0.0.1/x",
        "http://10.0.0.5:9000/x", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/x",
        "http://[fd00::5]/x", "http://LOCALHOST/x" })
    void givenUrlsOnTheOperatorsNetworkAreRefused(String url) {
        assertNotNull(deployed.refuseGiven(url), url);
        assertNull(local.refuseGiven(url), "allowed where private receivers are: " + url);
    }

    @Test
    void publicUrlsAndNamesAreAcceptedWhenGiven() {
        assertNull(deployed.refuseGiven("https://hooks.example.com/trunkline"));
        assertNull(deployed.refuseGiven("http://203.0.113.9:8443/x"));
        assertNull(deployed.refuseGiven(null));
    }

    @Test
    void deliveryResolvesTheNameAndRefusesInternalAddresses() throws Exception {
        // "localhost" resolves to loopback through the hosts file, no DNS server needed
        assertTrue(deployed.lookUp("http://localhost:8080/hook").refused().contains("not a public address"));
        assertNotNull(deployed.lookUp("http://127.0.0.1:8080/hook").refused());
        assertTrue(deployed.lookUp("http://no-such-host.invalid/hook").refused().contains("cannot be resolved"));
        assertNotNull(deployed.lookUp("not a url").refused());

        ReceiverAddresses.Receiver literal = deployed.lookUp("http://203.0.113.9/hook");
        assertNull(literal.refused());
        assertEquals(InetAddress.getByName("203.0.113.9"), literal.address());

        ReceiverAddresses.Receiver loopback = local.lookUp("http://LocalHost:8080/hook");
        assertNull(loopback.refused());
        assertEquals("localhost", loopback.host());
        assertTrue(loopback.address().isLoopbackAddress());
    }

    /** What a name resolves to at the check is what the delivery connects to; one inside address refuses the name. */
    @Test
    void theAddressToConnectToIsTheOneCheckedAndOneInsideAddressRefusesTheName() throws Exception {
        InetAddress outside = InetAddress.getByName("203.0.113.9");
        InetAddress outsideToo = InetAddress.getByName("198.51.100.7");
        InetAddress inside = InetAddress.getByName("10.0.0.5");
        List<String> asked = new ArrayList<>();
        Map<String, InetAddress[]> zone = Map.of(
                "hooks.example.com", new InetAddress[] { outside, outsideToo },
                "split.example.com", new InetAddress[] { outside, inside });
        ReceiverAddresses addresses = new ReceiverAddresses(false, new HostResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                asked.add(host);
                InetAddress[] a = zone.get(host);
                if (a == null) {
                    throw new UnknownHostException(host);
                }
                return a;
            }
        });

        ReceiverAddresses.Receiver r = addresses.lookUp("https://Hooks.Example.com:8443/t?x=1");
        assertNull(r.refused());
        assertEquals("hooks.example.com", r.host());
        assertEquals(outside, r.address());
        assertEquals(List.of("hooks.example.com"), asked, "one lookup per delivery");

        ReceiverAddresses.Receiver split = addresses.lookUp("https://split.example.com/t");
        assertNull(split.address());
        assertEquals("the receiver split.example.com resolves to 10.0.0.5, which is not a public address",
                split.refused());
    }
}
