package io.trunkline.gateway.service;

import java.util.Collection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.OptOut;
import io.trunkline.gateway.repository.OptOutRepository;

/**
 * Opt-outs per tenant. A STOP (or its equivalents) always lands here, whatever app the keyword has; sends to an
 * opted-out number are refused and broadcasts skip it.
 */
@ApplicationScoped
public class OptOutService {
    private final OptOutRepository optOuts;

    public OptOutService(OptOutRepository optOuts) {
        this.optOuts = optOuts;
    }

    @Transactional
    public boolean isOptedOut(String tenantId, String e164) {
        return optOuts.isOptedOut(tenantId, e164);
    }

    @Transactional
    public Set<String> optedOut(String tenantId, Collection<String> e164s) {
        return optOuts.optedOut(tenantId, e164s);
    }

    /** Opts the number out; true when it was not opted out before. */
    @Transactional
    public boolean optOut(String tenantId, String e164, String source) {
        if (optOuts.isOptedOut(tenantId, e164)) {
            return false;
        }
        OptOut o = new OptOut();
        o.tenantId = tenantId;
        o.number = e164;
        o.source = source;
        o.optedOutAt = Clocks.now();
        optOuts.persist(o);
        return true;
    }

    /** Opts the number back in (JOIN/START); true when it was opted out. */
    @Transactional
    public boolean optIn(String tenantId, String e164) {
        return optOuts.delete("tenantId = ?1 and number = ?2", tenantId, e164) > 0;
    }
}
