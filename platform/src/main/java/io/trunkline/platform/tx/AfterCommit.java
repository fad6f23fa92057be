package io.trunkline.platform.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/** Work that must only happen once the caller's transaction has committed (wake a relay, drop a cache entry). */
public final class AfterCommit {
    private AfterCommit() {
    }

    /** Runs {@code action} after the current transaction commits (never if it rolls back); at once without one. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions.getTransactionKey() == null) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
