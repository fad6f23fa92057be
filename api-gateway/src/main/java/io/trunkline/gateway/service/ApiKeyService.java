package io.trunkline.gateway.service;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.trunkline.platform.Sha256;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.trunkline.gateway.ApiKey;
import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.Tenant;
import io.trunkline.gateway.TenantPrincipal;
import io.trunkline.gateway.config.GatewayConfig;
import io.trunkline.gateway.repository.ApiKeyRepository;
import io.trunkline.gateway.repository.TenantRepository;
import io.trunkline.platform.rest.ProblemException;

/**
 * Tenant API keys: {@code tk_live_} and 43 characters of base64url (32 bytes from {@link SecureRandom}). Only the
 * SHA-256 hash is stored; a key is found by hashing what a request presents. The key has 256 bits of entropy, so a
 * fast hash is the right one (there is nothing to brute-force as with a password).
 */
@ApplicationScoped
public class ApiKeyService {
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);
    public static final String KEY_PREFIX = "tk_live_";
    /** {@code tk_live_} plus four secret characters (24 bits): enough to tell keys apart, useless to an attacker. */
    static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 4;
    static final int MAX_NAME = 64;
    private static final int KEY_LENGTH = KEY_PREFIX.length() + 43;

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final TenantService tenantService;
    private final GatewayConfig config;
    private final AcceptCaches caches;
    private final SecureRandom random = new SecureRandom();

    public ApiKeyService(ApiKeyRepository keys, TenantRepository tenants, TenantService tenantService,
            GatewayConfig config, AcceptCaches caches) {
        this.keys = keys;
        this.caches = caches;
        this.tenants = tenants;
        this.tenantService = tenantService;
        this.config = config;
    }

    /** A new key and its secret, which exists only in this answer. */
    public record CreatedKey(ApiKey key, String secret) {
    }

    /** What a presented key gives access to. */
    public record Access(TenantPrincipal tenant, boolean suspended) {
    }

    @Transactional
    public CreatedKey create(String tenantId, String name) {
        tenantService.require(tenantId);
        String n = name == null ? null : name.trim();
        if (n == null || n.isEmpty()) {
            throw ProblemException.invalid("name", "is required");
        }
        if (n.length() > MAX_NAME) {
            throw ProblemException.invalid("name", "must be at most " + MAX_NAME + " characters");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey k = new ApiKey();
        k.id = UUID.randomUUID().toString();
        k.tenantId = tenantId;
        k.name = n;
        k.keyHash = hash(secret);
        k.keyPrefix = secret.substring(0, DISPLAY_PREFIX_LENGTH);
        k.createdAt = Clocks.now();
        keys.persist(k);
        LOG.infof("API key %s (%s) created for tenant %s", k.id, k.keyPrefix, tenantId);
        return new CreatedKey(k, secret);
    }

    @Transactional
    public List<ApiKey> list(String tenantId) {
        tenantService.require(tenantId);
        return keys.listForTenant(tenantId);
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. A key of another tenant is not found. */
    @Transactional
    public ApiKey revoke(String tenantId, String keyId) {
        tenantService.require(tenantId);
        ApiKey k = keys.findForTenant(tenantId, keyId).orElseThrow(() -> ProblemException.notFound("API key " + keyId));
        if (k.revokedAt == null) {
            k.revokedAt = Clocks.now();
            caches.keysChanged();
            LOG.infof("API key %s (%s) of tenant %s revoked", k.id, k.keyPrefix, tenantId);
        }
        return k;
    }

    /**
     * The tenant a presented key belongs to; empty for an unknown or revoked key. A key verified within
     * {@code trunkline.gateway.accept.key-cache-ttl} is not read again ({@link AcceptCaches}). Records the use, at most
     * once per {@code trunkline.gateway.key-touch-interval}.
     */
    public Optional<Access> authenticate(String presented) {
        if (presented == null || presented.length() != KEY_LENGTH || !presented.startsWith(KEY_PREFIX)) {
            return Optional.empty();
        }
        String keyHash = hash(presented);
        AcceptCaches.VerifiedKey verified = caches.key(keyHash);
        if (verified == null) {
            InMemoryOnly.mayBlock();
            verified = QuarkusTransaction.joiningExisting().call(() -> verify(keyHash));
            if (verified == null) {
                return Optional.empty();
            }
            caches.putKey(keyHash, verified);
        }
        Instant now = Clocks.now();
        Instant staleBefore = now.minus(config.keyTouchInterval());
        Instant last = verified.lastUsedAt;
        if (last == null || last.isBefore(staleBefore)) {
            InMemoryOnly.mayBlock();
            verified.lastUsedAt = now;
            String keyId = verified.keyId;
            QuarkusTransaction.joiningExisting().run(() -> keys.touch(keyId, now, staleBefore));
        }
        return Optional.of(new Access(verified.tenant, verified.suspended));
    }

    /**
     * The operator acting for a tenant (the portal on behalf of a tenant's staff, or support): the tenant's access
     * as a key of its own would give it, without a key id; empty when there is no such tenant. Read from the database
     * each time, since these calls are few and a suspension must take effect at once.
     */
    public Optional<Access> actingFor(String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 64) {
            return Optional.empty();
        }
        InMemoryOnly.mayBlock();
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(tenants.findById(tenantId))
                .map(t -> new Access(TenantPrincipal.of(t, null), t.status == Tenant.Status.SUSPENDED)));
    }

    private AcceptCaches.VerifiedKey verify(String keyHash) {
        Optional<ApiKey> found = keys.findByHash(keyHash);
        if (found.isEmpty() || found.get().revoked()) {
            return null;
        }
        ApiKey k = found.get();
        Tenant t = tenants.findById(k.tenantId);
        if (t == null) {
            return null;
        }
        return new AcceptCaches.VerifiedKey(k.id, TenantPrincipal.of(t, k.id), t.status == Tenant.Status.SUSPENDED,
                k.lastUsedAt);
    }

    /** Lower-case hex SHA-256 of the key string. */
    public static String hash(String key) {
        return Sha256.hex(key);
    }
}
