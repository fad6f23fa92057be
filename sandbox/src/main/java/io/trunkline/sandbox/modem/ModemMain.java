package io.trunkline.sandbox.modem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Runs N simulated modems on socat pty pairs until the process is killed, for {@code ./trunkline up}. Settings from
 * system properties or environment variables (a system property wins):
 * <ul>
 * <li>{@code TRUNKLINE_MODEM_COUNT} (2): how many modems (the paper's card has 4);</li>
 * <li>{@code TRUNKLINE_MODEM_DIR} (var/modems): where the pty links go; the service opens {@code <dir>/modem<i>};</li>
 * <li>{@code TRUNKLINE_MODEM_SIM_BASE} (+61400000100): SIM numbers are this number + i;</li>
 * <li>{@code TRUNKLINE_MODEM_SEND_DELAY_MS} (2000) and {@code TRUNKLINE_MODEM_REPORT_DELAY_MS} (1000);</li>
 * <li>{@code TRUNKLINE_MODEM_RULES} (empty), e.g. {@code +61499=UNDELIVERABLE,+61498=CMS:28};</li>
 * <li>{@code TRUNKLINE_MODEM_HTTP_PORT} (8095, 0 = off): control API, see below.</li>
 * </ul>
 * Writes one line per modem to stdout ({@code modem<i> <device> <sim number>}), then the service settings as
 * {@code TRUNKLINE_GSM_PORTS_...=...} lines, and the same as a properties file {@code <dir>/gsm-ports.properties}.
 * HTTP control: {@code POST /modems/<i>/inbound?from=<number>} (body = text) delivers a message to the SIM;
 * {@code POST /modems/<i>/unplug}, {@code /plug}; {@code GET /modems} lists them.
 */
public final class ModemMain {
    private ModemMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(setting("TRUNKLINE_MODEM_COUNT", "2"));
        Path dir = Path.of(setting("TRUNKLINE_MODEM_DIR", "var/modems")).toAbsolutePath();
        long simBase = Long.parseLong(setting("TRUNKLINE_MODEM_SIM_BASE", "+61400000100").replace("+", ""));
        Duration send = Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_MODEM_SEND_DELAY_MS", "2000")));
        Duration report = Duration.ofMillis(Long.parseLong(setting("TRUNKLINE_MODEM_REPORT_DELAY_MS", "1000")));
        List<ModemConfig.Rule> rules = ModemConfig.Rule.parseList(setting("TRUNKLINE_MODEM_RULES", ""));
        int httpPort = Integer.parseInt(setting("TRUNKLINE_MODEM_HTTP_PORT", "8095"));

        List<ModemConfig> configs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            configs.add(ModemConfig.of("modem" + i, "+" + (simBase + i)).withDelays(send, report).withRules(rules));
        }
        ModemBank bank = ModemBank.start(dir, configs);
        HttpServer http = httpPort > 0 ? control(bank, httpPort) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (http != null) {
                http.stop(0);
            }
            bank.close();
            stopped.countDown();
        }, "modems-shutdown"));

        StringBuilder props = new StringBuilder();
        for (int i = 0; i < count; i++) {
            SimulatedModem m = bank.modem(i);
            Path device = bank.devices().get(i);
            System.out.println(m.config().name() + " " + device + " " + m.config().simNumber());
            String key = m.config().name();
            props.append("trunkline.gsm.ports.").append(key).append(".device=").append(device).append('\n');
            props.append("trunkline.gsm.ports.").append(key).append(".sim-number=").append(m.config().simNumber())
                    .append('\n');
        }
        for (String line : props.toString().split("\n")) {
            String[] kv = line.split("=", 2);
            System.out.println(kv[0].toUpperCase().replace('.', '_').replace('-', '_') + "=" + kv[1]);
        }
        Files.writeString(dir.resolve("gsm-ports.properties"), props.toString());
        System.out.println("Trunkline sandbox modems ready (send " + send.toMillis() + " ms, report "
                + report.toMillis() + " ms" + (http != null ? ", control http://127.0.0.1:" + httpPort + "/modems" : "")
                + ")");
        stopped.await();
    }

    private static HttpServer control(ModemBank bank, int port) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        s.createContext("/modems", ex -> {
            try {
                String[] path = ex.getRequestURI().getPath().split("/");
                if (path.length == 2 && ex.getRequestMethod().equals("GET")) {
                    StringBuilder sb = new StringBuilder("[");
                    for (SimulatedModem m : bank.modems()) {
                        sb.append(sb.length() > 1 ? "," : "").append("{\"name\":\"").append(m.config().name())
                                .append("\",\"sim\":\"").append(m.config().simNumber()).append("\",\"plugged\":")
                                .append(m.plugged()).append(",\"sent\":").append(m.submitted().size())
                                .append(",\"stored\":").append(m.storedCount()).append('}');
                    }
                    reply(ex, 200, sb.append(']').toString());
                    return;
                }
                if (path.length != 4 || !ex.getRequestMethod().equals("POST")) {
                    reply(ex, 404, "{\"error\":\"POST /modems/<i>/(inbound|unplug|plug)\"}");
                    return;
                }
                SimulatedModem m = bank.modem(Integer.parseInt(path[2]));
                switch (path[3]) {
                    case "inbound" -> {
                        Map<String, String> q = query(ex.getRequestURI().getRawQuery());
                        String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                        int parts = m.receive(q.getOrDefault("from", "+61411111111"), text).size();
                        reply(ex, 202, "{\"parts\":" + parts + "}");
                    }
                    case "unplug" -> {
                        m.unplug();
                        reply(ex, 204, "");
                    }
                    case "plug" -> {
                        m.plug();
                        reply(ex, 204, "");
                    }
                    default -> reply(ex, 404, "{\"error\":\"unknown action\"}");
                }
            } catch (RuntimeException e) {
                reply(ex, 400, "{\"error\":\"" + e.getMessage() + "\"}");
            }
        });
        s.start();
        return s;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                String[] p = kv.split("=", 2);
                q.put(URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
            }
        }
        return q;
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        }
        ex.close();
    }

    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
