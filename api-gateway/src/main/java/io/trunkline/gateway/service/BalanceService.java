package io.trunkline.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.events.BalanceChanged;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.TenantBalance;
import io.trunkline.gateway.repository.TenantBalanceRepository;

/** The gateway's copy of billing's balance state per tenant, used for admission and shown on {@code /v1/account}. */
@ApplicationScoped
public class BalanceService {
    private static final Logger LOG = Logger.getLogger(BalanceService.class);
    static final int MAX_CAUSE = 255;

    private final TenantBalanceRepository balances;
    private final AcceptCaches caches;

    public BalanceService(TenantBalanceRepository balances, AcceptCaches caches) {
        this.caches = caches;
        this.balances = balances;
    }

    /** Keeps {@code b} if it is newer than what is known; an older or equal {@code version} changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(BalanceChanged b) {
        String cause = b.cause() == null || b.cause().length() <= MAX_CAUSE ? b.cause() : b.cause().substring(0, MAX_CAUSE);
        BalanceChanged normalised = new BalanceChanged(b.tenantId(), b.currency(), b.balance(), b.creditLimit(),
                b.prepaid(), b.blocked(), b.version(), cause, Clocks.millis(b.changedAt()));
        boolean stored = balances.storeIfNewer(normalised, cause, Clocks.now());
        if (stored) {
            caches.balanceChanged(b.tenantId());
            LOG.debugf("balance of tenant %s is version %d: %s %s%s", b.tenantId(), b.version(), b.balance(),
                    b.currency(), b.blocked() ? " (blocked)" : "");
        } else {
            LOG.debugf("balance version %d of tenant %s is not newer than the one known: ignored", b.version(),
                    b.tenantId());
        }
        return stored;
    }

    @Transactional
    public TenantBalance latest(String tenantId) {
        return balances.findById(tenantId);
    }
}
