package io.trunkline.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the test MySQL-compatible server. The server is {@code TRUNKLINE_TEST_DB_URL}
 * (default {@code jdbc:mysql://127.0.0.1:3306}, the MariaDB this machine kind runs), with
 * {@code TRUNKLINE_TEST_DB_USER} (default root) and {@code TRUNKLINE_TEST_DB_PASSWORD} (default empty).
 * Names carry a random suffix so that concurrent builds never share a schema.
 */
public final class TestDatabase {
    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    public static TestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        TestDatabase db = new TestDatabase(name);
        db.exec("DROP DATABASE IF EXISTS `" + name + "`");
        db.exec("CREATE DATABASE `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        return db;
    }

    public static String serverUrl() {
        String url = env("TRUNKLINE_TEST_DB_URL", "jdbc:mysql://127.0.0.1:3306");
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static String user() {
        return env("TRUNKLINE_TEST_DB_USER", "root");
    }

    public static String password() {
        return env("TRUNKLINE_TEST_DB_PASSWORD", "");
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return serverUrl() + "/" + name;
    }

    public void drop() {
        exec("DROP DATABASE IF EXISTS `" + name + "`");
    }

    private void exec(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl() + "/", user(), password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database server " + serverUrl() + " refused: " + sql
                    + " (set TRUNKLINE_TEST_DB_URL, or run ./trunkline test which starts one)", e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
