package io.trunkline.portal.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.platform.rest.Problem;
import io.trunkline.platform.rest.ProblemException;
import io.trunkline.portal.PortalUser;
import io.trunkline.portal.config.PortalConfig;
import io.trunkline.portal.repository.PortalUserRepository;

/** Portal users: created by the operator, signing in with e-mail and password, locked out after too many failures. */
@ApplicationScoped
public class PortalUserService {
    private static final Logger LOG = Logger.getLogger(PortalUserService.class);
    static final int MIN_PASSWORD = 12;
    static final int MAX_EMAIL = 320;
    // deliberately loose: one @, something either side, a dot in the domain; the mailbox itself is never checked here
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final PortalUserRepository users;
    private final PasswordHasher hasher;
    private final GatewayClient gateway;
    private final PortalConfig config;

    public PortalUserService(PortalUserRepository users, PasswordHasher hasher, GatewayClient gateway,
            PortalConfig config) {
        this.users = users;
        this.hasher = hasher;
        this.gateway = gateway;
        this.config = config;
    }

    /** A new user; every offending field in one 400, 409 when the e-mail is taken, 503 when the gateway cannot say whether the tenant exists. */
    public PortalUser create(String email, String password, String role, String tenantId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
        if (e.isEmpty()) {
            errors.add(new Problem.FieldError("email", "is required"));
        } else if (e.length() > MAX_EMAIL || !EMAIL.matcher(e).matches()) {
            errors.add(new Problem.FieldError("email", "is not an e-mail address"));
        }
        if (password == null || password.isEmpty()) {
            errors.add(new Problem.FieldError("password", "is required"));
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            errors.add(new Problem.FieldError("password", "must be at least " + MIN_PASSWORD + " characters"));
        } else if (PasswordHasher.tooLong(password)) {
            errors.add(new Problem.FieldError("password", "must be at most " + PasswordHasher.MAX_BYTES
                    + " bytes in UTF-8"));
        }
        PortalUser.Role r = null;
        if (role == null || role.isBlank()) {
            errors.add(new Problem.FieldError("role", "is required"));
        } else {
            try {
                r = PortalUser.Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                errors.add(new Problem.FieldError("role", "must be one of OPERATOR, TENANT_ADMIN, TENANT_USER"));
            }
        }
        String t = tenantId == null || tenantId.isBlank() ? null : tenantId.trim();
        if (r == PortalUser.Role.OPERATOR && t != null) {
            errors.add(new Problem.FieldError("tenantId", "must be absent for an OPERATOR"));
        } else if (r != null && r != PortalUser.Role.OPERATOR && t == null) {
            errors.add(new Problem.FieldError("tenantId", "is required for a tenant's user"));
        }
        if (errors.isEmpty() && t != null && !tenantExists(t)) {
            errors.add(new Problem.FieldError("tenantId", "no tenant has this id"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(errors));
        }
        // bcrypt before the transaction: a quarter second is not spent holding a connection
        String hash = hasher.hash(password);
        PortalUser.Role finalRole = r;
        return QuarkusTransaction.requiringNew().call(() -> store(e, hash, finalRole, t));
    }

    private PortalUser store(String email, String hash, PortalUser.Role role, String tenantId) {
        if (users.findByEmail(email).isPresent()) {
            throw new ProblemException(Problem.of(409, "conflict", "Conflict", "a portal user has this e-mail"));
        }
        PortalUser u = new PortalUser();
        u.id = UUID.randomUUID().toString();
        u.email = email;
        u.passwordHash = hash;
        u.role = role;
        u.tenantId = tenantId;
        u.createdAt = Instant.now();
        users.persist(u);
        LOG.infof("portal user %s (%s) created for %s", u.id, role, tenantId == null ? "the operator" : tenantId);
        return u;
    }

    private boolean tenantExists(String tenantId) {
        GatewayClient.Answer a;
        try {
            a = gateway.operatorGet("/v1/operator/tenants/" + GatewayClient.enc(tenantId));
        } catch (GatewayClient.Unavailable ex) {
            throw new ProblemException(Problem.of(503, "unavailable", "Service unavailable",
                    "the api-gateway could not say whether the tenant exists; nothing was created"));
        }
        if (a.status() == 404) {
            return false;
        }
        if (!a.ok()) {
            throw new ProblemException(Problem.of(503, "unavailable", "Service unavailable",
                    "the api-gateway answered " + a.status() + " for the tenant; nothing was created"));
        }
        return true;
    }

    public List<PortalUser> list(String tenantId) {
        return tenantId == null ? users.listAll() : users.list("tenantId", tenantId);
    }

    /** Removes the user and, with it (foreign key), every session it has. */
    @Transactional
    public void delete(String id) {
        if (!users.deleteById(id)) {
            throw new ProblemException(Problem.of(404, "not-found", "Not found", "no portal user has this id"));
        }
        LOG.infof("portal user %s deleted", id);
    }

    /**
     * The user when the password is right and the account not locked; empty otherwise, with the same answer and about
     * the same time for an unknown e-mail, a wrong password and a locked account, so none can be told apart.
     */
    @Transactional
    public Optional<PortalUser> signIn(String email, String password) {
        Optional<PortalUser> found = email == null ? Optional.empty() : users.findByEmail(email);
        if (found.isEmpty()) {
            hasher.spendACheck(password);
            return Optional.empty();
        }
        PortalUser u = found.get();
        Instant now = Instant.now();
        boolean right = hasher.matches(password, u.passwordHash);
        if (u.lockedUntil != null && u.lockedUntil.isAfter(now)) {
            return Optional.empty();
        }
        if (!right) {
            u.failedLogins++;
            if (u.failedLogins >= config.failuresBeforeLockout()) {
                u.lockedUntil = now.plus(config.lockout());
                u.failedLogins = 0;
                LOG.warnf("portal user %s locked until %s after %d wrong passwords", u.id, u.lockedUntil,
                        config.failuresBeforeLockout());
            }
            return Optional.empty();
        }
        u.failedLogins = 0;
        u.lockedUntil = null;
        return Optional.of(u);
    }

    public Optional<PortalUser> find(String id) {
        return users.findByIdOptional(id);
    }
}
