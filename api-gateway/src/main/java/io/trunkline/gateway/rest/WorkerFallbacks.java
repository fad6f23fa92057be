package io.trunkline.gateway.rest;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.trunkline.gateway.service.InMemoryOnly;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The way back to a worker thread for a single send that was attempted on the event loop ({@link InMemoryOnly}) and
 * needs a step that blocks: the step runs on a worker thread of the request's own Vert.x context, so its result is
 * handled on the event loop again. Counted per step, so that ops can see how often the caches were cold.
 */
@ApplicationScoped
public class WorkerFallbacks {
    /** Counter, tagged {@code step}: {@code authentication}, {@code rate-limit}, {@code send} or {@code sendsms}. */
    public static final String METRIC = "trunkline.gateway.accept.on-worker";

    private final MeterRegistry registry;

    public WorkerFallbacks(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs {@code work} on a worker thread; the future completes on the calling (event loop) context. */
    public <T> Future<T> run(String step, Callable<T> work) {
        registry.counter(METRIC, "step", step).increment();
        return Vertx.currentContext().executeBlocking(work, false);
    }

    /**
     * A send made on this (event loop) thread with every blocking step refused; when one is needed, the whole send
     * again on a worker thread.
     */
    public <T> CompletionStage<T> inMemoryOrOnWorker(String step, Supplier<CompletionStage<T>> send) {
        try {
            return InMemoryOnly.attempt(send);
        } catch (InMemoryOnly.NeedsWorker e) {
            return run(step, send::get).toCompletionStage().thenCompose(Function.identity());
        }
    }

    /**
     * For a request filter: {@code work}'s result to {@code then}. On a worker thread (a blocking resource) both simply
     * run here. On the event loop (a non-blocking send) {@code work} runs here with every blocking step refused; when a
     * step would block, {@link #suspendFor} instead.
     */
    public <T> void inMemoryOrSuspend(ContainerRequestContext ctx, String step, Supplier<T> work, Consumer<T> then) {
        if (!Context.isOnEventLoopThread()) {
            then.accept(work.get());
            return;
        }
        T result;
        try {
            result = InMemoryOnly.attempt(work);
        } catch (InMemoryOnly.NeedsWorker e) {
            suspendFor(ctx, step, work::get, then);
            return;
        }
        then.accept(result);
    }

    /**
     * For a request filter: suspends the request, runs {@code work} on a worker thread, hands its result to
     * {@code then} back on the event loop and resumes the request (a failure of either resumes it with the
     * exception). The request scope is not active in {@code then}: it must not go through request-scoped proxies.
     */
    private <T> void suspendFor(ContainerRequestContext ctx, String step, Callable<T> work, Consumer<T> then) {
        ResteasyReactiveContainerRequestContext request = (ResteasyReactiveContainerRequestContext) ctx;
        request.suspend();
        run(step, work).onComplete(done -> {
            if (done.failed()) {
                request.resume(done.cause());
                return;
            }
            try {
                then.accept(done.result());
            } catch (RuntimeException e) {
                request.resume(e);
                return;
            }
            request.resume();
        });
    }
}
