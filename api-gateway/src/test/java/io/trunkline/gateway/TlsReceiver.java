package io.trunkline.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An {@code https} webhook receiver on 127.0.0.1 whose certificate names only {@value #HOST} (made with the JDK's
 * keytool, valid two days), and the gateway's trust store holding that certificate. Every request gets 200.
 */
public class TlsReceiver implements QuarkusTestResourceLifecycleManager {
    static final String HOST = "secure" + TestHostResolver.DOMAIN;
    static final String PORT = "test.tls-receiver.port"; // outside trunkline.*: its mappings refuse unknown keys
    private static final String PASSWORD = "changeit";

    private HttpsServer server;
    private ExecutorService executor;
    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory("tls-receiver");
            Path serverStore = dir.resolve("server.p12");
            Path cert = dir.resolve("receiver.cer");
            Path trustStore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-validity", "2",
                    "-keystore", serverStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                    "-keypass", PASSWORD);
            keytool("-exportcert", "-alias", "receiver", "-keystore", serverStore.toString(), "-storepass", PASSWORD,
                    "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "receiver", "-file", cert.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(serverStore)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), null, null);

            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            executor = Executors.newFixedThreadPool(4);
            server.setExecutor(executor);
            server.createContext("/", ex -> {
                try (ex) {
                    ex.getRequestBody().readAllBytes();
                    ex.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return Map.of("trunkline.gateway.webhooks.trust-store", trustStore.toString(),
                    "trunkline.gateway.webhooks.trust-store-password", PASSWORD,
                    PORT, Integer.toString(server.getAddress().getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the TLS webhook receiver", e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
