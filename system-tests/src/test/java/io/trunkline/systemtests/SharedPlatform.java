package io.trunkline.systemtests;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link PlatformProcesses} for every system IT of the JVM: started by the first class that asks for it (a
 * {@code PlatformProcesses} parameter of a {@code @BeforeAll} or test method), kept in the root extension store and
 * closed by JUnit when the whole run ends. A start takes about 30 s, so the classes share it; each creates its own
 * tenants, so they do not see each other's data. A failed start is remembered: the next class fails at once with the
 * same cause instead of starting the platform again.
 */
public final class SharedPlatform implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SharedPlatform.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PlatformProcesses.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NS).computeIfAbsent(Started.class, k -> Started.start(),
                Started.class);
        if (started.failure() != null) {
            throw new ParameterResolutionException("the platform did not start", started.failure());
        }
        return started.platform();
    }

    /** The running platform, or why it could not start; closed by JUnit with the root store. */
    record Started(PlatformProcesses platform, Exception failure) implements AutoCloseable {
        static Started start() {
            PlatformProcesses p = null;
            try {
                p = new PlatformProcesses();
                p.start();
                return new Started(p, null);
            } catch (Exception e) {
                if (p != null) {
                    p.close();
                }
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Started(null, e);
            }
        }

        @Override
        public void close() {
            if (platform != null) {
                platform.close();
            }
        }
    }
}
