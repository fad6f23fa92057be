package io.trunkline.billing.messaging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;

import io.trunkline.events.InvalidEventException;

class CdrConsumerTest {

    @Test
    void lockConflictsAndConcurrentDuplicatesAreWorthAnotherAttempt() {
        assertTrue(CdrConsumer.isTransient(new RuntimeException("tx failed",
                new SQLTransactionRollbackException("Deadlock found when trying to get lock", "40001", 1213))));
        assertTrue(CdrConsumer.isTransient(new IllegalStateException(new SQLException("Lock wait timeout", "HY000", 1205))));
        assertTrue(CdrConsumer.isTransient(new org.hibernate.exception.ConstraintViolationException("dup",
                new SQLIntegrityConstraintViolationException("Duplicate entry", "23000", 1062), "PRIMARY")));
    }

    @Test
    void badDataAndBugsAreNot() {
        assertFalse(CdrConsumer.isTransient(new InvalidEventException("missing field tenantId")));
        assertFalse(CdrConsumer.isTransient(new IllegalStateException("bug")));
        assertFalse(CdrConsumer.isTransient(new RuntimeException(new SQLException("Data too long", "22001", 1406))));
    }
}
