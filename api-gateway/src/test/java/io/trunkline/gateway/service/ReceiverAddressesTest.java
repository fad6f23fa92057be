package io.trunkline.gateway.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReceiverAddressesTest {
    private final ReceiverAddresses deployed = new ReceiverAddresses(false);
    private final ReceiverAddresses local = new ReceiverAddresses(true);

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
    void deliveryResolvesTheNameAndRefusesInternalAddresses() {
        // "localhost" resolves to loopback through the hosts file, no DNS server needed
        assertNotNull(deployed.refuseDelivery("http://localhost:8080/hook"));
        assertNotNull(deployed.refuseDelivery("http://127.0.0.1:8080/hook"));
        assertNotNull(deployed.refuseDelivery("http://no-such-host.invalid/hook"));
        assertNull(deployed.refuseDelivery("http://203.0.113.9/hook"));
        assertNull(local.refuseDelivery("http://localhost:8080/hook"));
    }
}
