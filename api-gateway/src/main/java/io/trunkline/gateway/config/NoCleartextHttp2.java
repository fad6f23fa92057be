package io.trunkline.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The plain-http listener answers in HTTP/1.1 and ignores an {@code Upgrade: h2c}. The JDK's HttpClient, among
 * others, offers that upgrade on every plain-http request; with a body, the upgraded request reached Quarkus REST
 * already read and every {@code POST /v1/messages} from such a client failed with a 500. HTTP/2 over TLS (ALPN), where
 * a deployment terminates it, is unaffected.
 */
@ApplicationScoped
public class NoCleartextHttp2 implements HttpServerOptionsCustomizer {

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ClearTextEnabled(false);
    }
}
