package io.trunkline.gsm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Ports can be given as environment variables, the way ./trunkline up and docker/k8s pass them. */
class GsmConfigTest {

    @Test
    void portsFromEnvironmentVariables() {
        SmallRyeConfig c = new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(Map.of(
                        "TRUNKLINE_GSM_PORTS_MODEM0_DEVICE", "/work/main/var/modems/modem0",
                        "TRUNKLINE_GSM_PORTS_MODEM0_SIM_NUMBER", "+61400000100",
                        "TRUNKLINE_GSM_PORTS_MODEM1_DEVICE", "/dev/ttyUSB1",
                        "TRUNKLINE_GSM_PORTS_MODEM1_DAILY_CAP", "500",
                        "TRUNKLINE_GSM_PORTS_MODEM1_PIN", "1234"), 300))
                .withMapping(GsmConfig.class)
                .build();
        GsmConfig g = c.getConfigMapping(GsmConfig.class);
        assertEquals(2, g.ports().size(), g.ports().keySet().toString());
        assertEquals("/work/main/var/modems/modem0", g.ports().get("modem0").device());
        assertEquals("+61400000100", g.ports().get("modem0").simNumber().orElseThrow());
        assertEquals(500, g.ports().get("modem1").dailyCap());
        assertEquals("1234", g.ports().get("modem1").pin().orElseThrow());
        assertEquals(115200, g.ports().get("modem1").baud());
        assertTrue(g.ports().get("modem0").enabled());
    }

    @Test
    void noPortsByDefault() {
        GsmConfig g = new SmallRyeConfigBuilder().withConverter(Duration.class, 100, new DurationConverter())
                .withMapping(GsmConfig.class).build()
                .getConfigMapping(GsmConfig.class);
        assertTrue(g.ports().isEmpty());
        assertEquals(false, g.stickyDestinations());
    }
}
