package io.trunkline.voice.asterisk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.internal.ManagerConnectionImpl;
import org.jboss.logging.Logger;

import io.trunkline.voice.config.VoiceConfig;

/**
 * The one AMI connection (asterisk-java). asterisk-java logs in with the MD5 challenge ({@code Challenge} then
 * {@code Login} with {@code Key}) and sends {@code CoreSettings}; after a dropped connection it reconnects by itself
 * (50 ms apart for the first attempts, then every 5 s). A supervisor covers what it does not: the first login and any
 * login that failed, retried with exponential backoff (reconnect-min doubling to reconnect-max). Listeners added
 * here get every event; reconnect handlers run (on their own thread) each time the connection is back after a loss.
 */
@ApplicationScoped
public class AmiConnection {
    private static final Logger LOG = Logger.getLogger(AmiConnection.class);

    private final VoiceConfig config;
    private final List<ManagerEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> reconnectHandlers = new CopyOnWriteArrayList<>();
    private volatile ManagerConnection connection;
    private volatile boolean running;
    private volatile boolean lost;
    private ExecutorService supervisor;
    private ExecutorService reconnectRunner;

    public AmiConnection(VoiceConfig config) {
        this.config = config;
    }

    /** Connects (in the background) if not yet started; idempotent. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        VoiceConfig.Ami ami = config.ami();
        ManagerConnection c = new ManagerConnectionFactory(ami.host(), ami.port(), ami.username(), ami.secret())
                .createManagerConnection();
        if (c instanceof ManagerConnectionImpl impl) {
            impl.setDefaultResponseTimeout(ami.responseTimeout().toMillis());
            impl.setDefaultEventTimeout(ami.responseTimeout().toMillis());
        }
        c.addEventListener(this::dispatch);
        connection = c;
        supervisor = Executors.newSingleThreadExecutor(r -> daemon(r, "ami-supervisor"));
        reconnectRunner = Executors.newSingleThreadExecutor(r -> daemon(r, "ami-reconnected"));
        supervisor.execute(this::supervise);
    }

    public boolean started() {
        return running;
    }

    /** True while logged in (readiness). */
    public boolean loggedIn() {
        ManagerConnection c = connection;
        return c != null && c.getState() == ManagerConnectionState.CONNECTED;
    }

    public ManagerConnection connection() {
        return connection;
    }

    public void addListener(ManagerEventListener l) {
        listeners.add(l);
    }

    public void onReconnected(Runnable r) {
        reconnectHandlers.add(r);
    }

    private void dispatch(ManagerEvent event) {
        if (event instanceof DisconnectEvent) {
            lost = true;
            LOG.warn("AMI connection lost; asterisk-java reconnects");
        }
        for (ManagerEventListener l : listeners) {
            try {
                l.onManagerEvent(event);
            } catch (RuntimeException e) {
                LOG.error("AMI event listener failed on " + event.getClass().getSimpleName(), e);
            }
        }
    }

    private void supervise() {
        Duration backoff = config.ami().reconnectMin();
        while (running) {
            try {
                ManagerConnectionState state = connection.getState();
                if (state == ManagerConnectionState.INITIAL || state == ManagerConnectionState.DISCONNECTED) {
                    try {
                        connection.login();
                        LOG.infof("AMI logged in to %s:%d as %s", config.ami().host(), config.ami().port(),
                                config.ami().username());
                        backoff = config.ami().reconnectMin();
                    } catch (Exception e) {
                        LOG.warnf("AMI login to %s:%d failed (%s); next try in %d ms", config.ami().host(),
                                config.ami().port(), e.toString(), backoff.toMillis());
                        lost = true;
                        Thread.sleep(backoff.toMillis());
                        backoff = backoff.multipliedBy(2);
                        if (backoff.compareTo(config.ami().reconnectMax()) > 0) {
                            backoff = config.ami().reconnectMax();
                        }
                        continue;
                    }
                }
                if (lost && connection.getState() == ManagerConnectionState.CONNECTED) {
                    lost = false;
                    LOG.info("AMI connection is back");
                    for (Runnable r : reconnectHandlers) {
                        reconnectRunner.execute(r);
                    }
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("AMI supervisor", e);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        supervisor.shutdownNow();
        reconnectRunner.shutdownNow();
        try {
            if (connection.getState() == ManagerConnectionState.CONNECTED
                    || connection.getState() == ManagerConnectionState.RECONNECTING) {
                connection.logoff();
            }
        } catch (RuntimeException e) {
            LOG.debug("AMI logoff: " + e);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
