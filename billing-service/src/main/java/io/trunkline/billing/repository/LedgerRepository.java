package io.trunkline.billing.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.trunkline.billing.EntryType;
import io.trunkline.billing.LedgerEntry;

@ApplicationScoped
public class LedgerRepository implements PanacheRepositoryBase<LedgerEntry, String> {

    public Optional<LedgerEntry> findByReference(String tenantId, EntryType type, String reference) {
        return find("tenantId = ?1 and type = ?2 and reference = ?3", tenantId, type, reference).firstResultOptional();
    }

    /** A tenant's entries, newest first. */
    public List<LedgerEntry> page(String tenantId, int page, int size) {
        return find("tenantId", Sort.descending("accountVersion"), tenantId).page(Page.of(page, size)).list();
    }

    public long countFor(String tenantId) {
        return count("tenantId", tenantId);
    }

    /** Whether any money moved on the account (anything but settings changes). */
    public boolean hasMoneyMovements(String tenantId) {
        return count("tenantId = ?1 and type <> ?2", tenantId, EntryType.SETTINGS) > 0;
    }
}
