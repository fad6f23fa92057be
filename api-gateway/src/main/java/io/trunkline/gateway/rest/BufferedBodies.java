package io.trunkline.gateway.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the body of the send requests on the event loop before Quarkus REST dispatches them to a worker thread.
 * Without it, a blocking endpoint's worker reads its JSON body through a blocking stream that the event loop feeds
 * chunk by chunk: two thread hand-offs per request, and under a burst of new connections hundreds of workers sat
 * waiting for bodies the busy event loop had not passed on yet (requests timed out after 30 s while the gateway was
 * idle). Quarkus REST takes a body that is already read as it is ({@code RoutingContext.body()}).
 */
@ApplicationScoped
public class BufferedBodies {
    /** The paths whose POST body is read up front: the single send and its quote (small JSON bodies). */
    static final String[] PATHS = { "/v1/messages", "/v1/messages/quote" };

    private final long limit;

    public BufferedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
            MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void route(@Observes Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(limit);
        for (String path : PATHS) {
            router.post(path).order(Integer.MIN_VALUE + 1).handler(body).handler(BufferedBodies::emptyIsEmpty);
        }
    }

    /**
     * An empty body is left null by the body handler, and Quarkus REST would then wait on the request stream for a
     * body that was already read (the request hangs): give it an empty one, which the endpoint refuses with 400.
     */
    @SuppressWarnings("deprecation")
    private static void emptyIsEmpty(RoutingContext ctx) {
        if (ctx.getBody() == null) {
            ctx.setBody(Buffer.buffer());
        }
        ctx.next();
    }
}
