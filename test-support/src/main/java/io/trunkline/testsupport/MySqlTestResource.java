package io.trunkline.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} its own fresh database on the real test server; the service's Flyway migrations
 * then run at start. Init arg {@code database}: the name prefix (the service's name).
 */
public class MySqlTestResource implements QuarkusTestResourceLifecycleManager {
    private String prefix = "trunkline_test";
    private TestDatabase db;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        db = TestDatabase.create(prefix);
        return Map.of(
                "quarkus.datasource.jdbc.url", db.jdbcUrl(),
                "quarkus.datasource.username", TestDatabase.user(),
                "quarkus.datasource.password", TestDatabase.password());
    }

    @Override
    public void stop() {
        if (db != null) {
            db.drop();
        }
    }
}
