package io.trunkline.billing.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.billing.Account;
import io.trunkline.billing.BalanceAlert;
import io.trunkline.billing.EntryType;
import io.trunkline.billing.LedgerEntry;
import io.trunkline.billing.Money;
import io.trunkline.billing.config.BillingConfig;
import io.trunkline.billing.repository.AccountRepository;
import io.trunkline.billing.repository.BalanceAlertRepository;
import io.trunkline.billing.repository.LedgerRepository;
import io.trunkline.billing.repository.RatedCdrRepository;
import io.trunkline.events.BalanceChanged;
import io.trunkline.platform.outbox.Outbox;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;

/**
 * Balances and credit. Every change happens under the account's row lock, as one atomic UPDATE of the row, with a
 * ledger entry, a low-balance check and a {@link BalanceChanged} in the outbox, all in the caller's transaction.
 */
@ApplicationScoped
public class AccountService {
    private static final Logger LOG = Logger.getLogger(AccountService.class);

    private final AccountRepository accounts;
    private final LedgerRepository ledger;
    private final BalanceAlertRepository alerts;
    private final RatedCdrRepository cdrs;
    private final Outbox outbox;
    private final BillingConfig.NewAccount defaults;

    public AccountService(AccountRepository accounts, LedgerRepository ledger, BalanceAlertRepository alerts,
            RatedCdrRepository cdrs, Outbox outbox, BillingConfig config) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.alerts = alerts;
        this.cdrs = cdrs;
        this.outbox = outbox;
        this.defaults = config.newAccount();
    }

    /** An account with its row locked by this transaction; {@code opened} if this transaction created it. */
    public record Locked(Account account, boolean opened) {
    }

    /** A change and the account after it; {@code replayed} when an idempotent request was already applied. */
    public record Movement(Account account, LedgerEntry entry, boolean replayed) {
    }

    // ---- operator use cases ------------------------------------------------------------------------------------

    /** Credits a top-up once per reference; opens the account if needed (in {@code currency}, or the default). */
    @Transactional
    public Movement topUp(String tenantId, BigDecimal amount, String currency, String reference, String note,
            String actor) {
        Locked locked = openAndLock(tenantId, currency != null ? currency : defaults.currency());
        Account account = locked.account();
        requireCurrency(account, currency);
        Optional<LedgerEntry> prior = ledger.findByReference(tenantId, EntryType.TOPUP, reference);
        if (prior.isPresent()) {
            return replay(account, prior.get(), amount, "top-up");
        }
        return move(account, EntryType.TOPUP, Money.amount(amount), reference, actor,
                note != null ? note : "top-up", "topup " + reference);
    }

    /** A signed correction of an existing account; idempotent on {@code reference} when one is given. */
    @Transactional
    public Movement adjust(String tenantId, BigDecimal amount, String currency, String reference, String note,
            String actor) {
        Account account = lockExisting(tenantId);
        requireCurrency(account, currency);
        if (reference != null) {
            Optional<LedgerEntry> prior = ledger.findByReference(tenantId, EntryType.ADJUSTMENT, reference);
            if (prior.isPresent()) {
                return replay(account, prior.get(), amount, "adjustment");
            }
        }
        return move(account, EntryType.ADJUSTMENT, Money.amount(amount), reference, actor, note,
                "adjustment" + (reference != null ? " " + reference : ""));
    }

    /** New settings; a field left null keeps its value. */
    public record Settings(BigDecimal creditLimit, Boolean prepaid, boolean thresholdGiven, BigDecimal lowBalanceThreshold,
            String currency, String note) {
    }

    /**
     * Changes an account's settings, opening it if it does not exist yet (so credit can be set up before traffic).
     * The currency can change only while the account has had no money movement and no CDR.
     */
    @Transactional
    public Movement configure(String tenantId, Settings s, String actor) {
        Locked locked = openAndLock(tenantId, s.currency() != null ? s.currency() : defaults.currency());
        Account a = locked.account();
        String currency = s.currency() != null ? s.currency() : a.currency;
        BigDecimal creditLimit = s.creditLimit() != null ? Money.amount(s.creditLimit()) : a.creditLimit;
        boolean prepaid = s.prepaid() != null ? s.prepaid() : a.prepaid;
        BigDecimal threshold = s.thresholdGiven()
                ? (s.lowBalanceThreshold() == null ? null : Money.amount(s.lowBalanceThreshold()))
                : a.lowBalanceThreshold;

        List<String> changes = new ArrayList<>();
        if (!currency.equals(a.currency)) {
            if (a.balance.signum() != 0 || ledger.hasMoneyMovements(tenantId) || cdrs.existsFor(tenantId)) {
                throw new ProblemException(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409,
                        "the currency of an account can change only before its first top-up, adjustment or CDR",
                        null, List.of(new Problem.FieldError("currency", "account " + tenantId + " already has activity in "
                                + a.currency))));
            }
            changes.add("currency " + a.currency + " -> " + currency);
        }
        if (creditLimit.compareTo(a.creditLimit) != 0) {
            changes.add("credit limit " + Money.format(a.creditLimit) + " -> " + Money.format(creditLimit));
        }
        if (prepaid != a.prepaid) {
            changes.add(prepaid ? "postpaid -> prepaid" : "prepaid -> postpaid");
        }
        if (!sameAmount(threshold, a.lowBalanceThreshold)) {
            changes.add("low-balance threshold " + Money.format(a.lowBalanceThreshold) + " -> " + Money.format(threshold));
        }
        if (changes.isEmpty()) {
            if (locked.opened()) {
                publish(a, "account opened");
            }
            return new Movement(a, null, false);
        }
        boolean wasBlocked = a.blocked;
        Instant now = Instant.now();
        accounts.updateSettings(tenantId, currency, creditLimit, prepaid, threshold, now);
        Account after = accounts.current(tenantId);
        String note = String.join("; ", changes) + (s.note() != null ? " (" + s.note() + ")" : "");
        LedgerEntry entry = record(after, EntryType.SETTINGS, Money.ZERO, null, actor, note, now);
        logBlocking(after, wasBlocked);
        publish(after, "settings");
        return new Movement(after, entry, false);
    }

    // ---- building blocks, for use inside a transaction ---------------------------------------------------------

    /** Opens the account if needed (balance 0, the configured defaults) and locks its row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Locked openAndLock(String tenantId, String currencyIfNew) {
        boolean existed = accounts.exists(tenantId);
        BigDecimal creditLimit = Money.amount(defaults.creditLimit());
        accounts.openAndLock(tenantId, currencyIfNew, defaults.prepaid(), creditLimit,
                Account.blocked(defaults.prepaid(), Money.ZERO, creditLimit), Instant.now());
        Account account = accounts.current(tenantId);
        boolean opened = !existed && account.version == 0;
        if (opened) {
            LOG.infof("opened account %s in %s (%s)", tenantId, account.currency, account.prepaid ? "prepaid" : "postpaid");
        }
        return new Locked(account, opened);
    }

    /** Locks an existing account's row; 404 problem if there is no account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Account lockExisting(String tenantId) {
        if (!accounts.lockExisting(tenantId)) {
            throw ProblemException.notFound("account " + tenantId);
        }
        return accounts.current(tenantId);
    }

    /**
     * Adds {@code delta} (negative: a debit) to a locked account's balance atomically, records the ledger entry,
     * records a low-balance alert if the balance crossed below the threshold, and publishes the new state.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Movement move(Account locked, EntryType type, BigDecimal delta, String reference, String actor, String note,
            String cause) {
        boolean wasBlocked = locked.blocked;
        Instant now = Instant.now();
        if (accounts.applyDelta(locked.tenantId, delta, now) != 1) {
            throw new IllegalStateException("account " + locked.tenantId + " vanished while locked");
        }
        Account after = accounts.current(locked.tenantId);
        LedgerEntry entry = record(after, type, delta, reference, actor, note, now);
        // under the row lock nobody else changed the balance in between: before = after - delta exactly
        checkLowBalance(after, after.balance.subtract(delta), entry, now);
        logBlocking(after, wasBlocked);
        publish(after, cause);
        return new Movement(after, entry, false);
    }

    /** Puts the account's current state on {@code billing.balances}, via the outbox. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(Account a, String cause) {
        outbox.publish(new BalanceChanged(a.tenantId, a.currency, a.balance, a.creditLimit, a.prepaid, a.blocked,
                a.version, cause, Instant.now()));
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    /** The account; 404 problem if there is none. */
    public Account get(String tenantId) {
        Account a = accounts.findById(tenantId);
        if (a == null) {
            throw ProblemException.notFound("account " + tenantId);
        }
        return a;
    }

    public Optional<Account> find(String tenantId) {
        return accounts.findByIdOptional(tenantId);
    }

    // ---- internals ---------------------------------------------------------------------------------------------

    private LedgerEntry record(Account after, EntryType type, BigDecimal amount, String reference, String actor,
            String note, Instant now) {
        LedgerEntry e = new LedgerEntry();
        e.id = UUID.randomUUID().toString();
        e.tenantId = after.tenantId;
        e.accountVersion = after.version;
        e.type = type;
        e.amount = Money.amount(amount);
        e.currency = after.currency;
        e.balanceAfter = after.balance;
        e.reference = reference;
        e.actor = actor;
        e.note = note;
        e.createdAt = now;
        ledger.persist(e);
        return e;
    }

    private void checkLowBalance(Account after, BigDecimal before, LedgerEntry entry, Instant now) {
        BigDecimal threshold = after.lowBalanceThreshold;
        if (threshold == null || before.compareTo(threshold) < 0 || after.balance.compareTo(threshold) >= 0) {
            return;
        }
        LOG.warnf("tenant %s: balance %s %s fell below its low-balance threshold %s (%s)", after.tenantId,
                Money.format(after.balance), after.currency, Money.format(threshold), entry.note);
        BalanceAlert alert = new BalanceAlert();
        alert.id = UUID.randomUUID().toString();
        alert.tenantId = after.tenantId;
        alert.kind = BalanceAlert.LOW_BALANCE;
        alert.balance = after.balance;
        alert.threshold = threshold;
        alert.currency = after.currency;
        alert.ledgerEntryId = entry.id;
        alert.createdAt = now;
        alert.delivery = "pending";
        alerts.persist(alert);
    }

    private static void logBlocking(Account after, boolean wasBlocked) {
        if (after.blocked && !wasBlocked) {
            LOG.infof("tenant %s is blocked: balance %s + credit %s %s", after.tenantId, Money.format(after.balance),
                    Money.format(after.creditLimit), after.currency);
        } else if (!after.blocked && wasBlocked) {
            LOG.infof("tenant %s is no longer blocked", after.tenantId);
        }
    }

    private static Movement replay(Account account, LedgerEntry prior, BigDecimal amount, String what) {
        if (prior.amount.compareTo(amount) != 0) {
            throw new ProblemException(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409,
                    "reference " + prior.reference + " was already used for a " + what + " of "
                            + Money.format(prior.amount) + " " + prior.currency,
                    null, List.of(new Problem.FieldError("reference", "already used for a different " + what))));
        }
        return new Movement(account, prior, true);
    }

    private static void requireCurrency(Account account, String currency) {
        if (currency != null && !currency.equals(account.currency)) {
            throw ProblemException.invalid("currency", "account " + account.tenantId + " is kept in " + account.currency);
        }
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? Objects.equals(a, b) : a.compareTo(b) == 0;
    }
}
