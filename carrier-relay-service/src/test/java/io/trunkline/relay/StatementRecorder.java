package io.trunkline.relay;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/**
 * Records the SQL statements Hibernate prepares on the calling thread while {@link #record} runs (every other thread,
 * and every other time, passes through untouched): what a batch costs in statements, for tests that a batch's
 * statements do not grow with its size. Raw JDBC work (the outbox's multi-row insert) is not seen.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class StatementRecorder implements StatementInspector {
    private static final ThreadLocal<List<String>> RECORDING = new ThreadLocal<>();

    @Override
    public String inspect(String sql) {
        List<String> recording = RECORDING.get();
        if (recording != null) {
            recording.add(sql);
        }
        return sql;
    }

    /** The statements {@code work} had Hibernate prepare on this thread, in order. */
    public static List<String> record(Runnable work) {
        List<String> statements = new ArrayList<>();
        RECORDING.set(statements);
        try {
            work.run();
        } finally {
            RECORDING.remove();
        }
        return statements;
    }
}
