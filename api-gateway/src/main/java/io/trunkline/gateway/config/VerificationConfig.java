package io.trunkline.gateway.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Verification codes ({@code trunkline.gateway.verifications.*}); the environment names are in application.properties. */
@ConfigMapping(prefix = "trunkline.gateway.verifications")
public interface VerificationConfig {

    /**
     * Secret key of the HMAC-SHA256 codes are stored under (env {@code TRUNKLINE_GATEWAY_VERIFICATION_PEPPER}): the
     * database alone then does not give the short codes away by brute force. The default is for local runs only (a
     * warning is logged in prod mode). Changing it invalidates the pending codes.
     */
    @WithDefault("dev-verification-pepper")
    String pepper();

    /** A verification's lifetime when the request gives no {@code ttl}. */
    @WithDefault("600s")
    Duration defaultTtl();

    /** Shortest {@code ttl} a request may ask for. */
    @WithDefault("60s")
    Duration minTtl();

    /** Longest {@code ttl} a request may ask for. */
    @WithDefault("1h")
    Duration maxTtl();

    /** Digits of the code when the request gives no {@code code_length} (4 to 10). */
    @WithDefault("6")
    int defaultCodeLength();

    /** Wrong checks a verification allows; the last one moves it to {@code max_attempts_reached}. */
    @WithDefault("5")
    int maxAttempts();

    /** Most verifications a tenant may start to one number within {@link #numberWindow()}. */
    @WithDefault("5")
    int numberMax();

    @WithDefault("10m")
    Duration numberWindow();

    /** Most verifications a tenant may start to all numbers together within {@link #tenantWindow()}. */
    @WithDefault("60")
    int tenantMax();

    @WithDefault("1m")
    Duration tenantWindow();

    /**
     * Digits of the destination (E.164 without '+', country code included) that make its prefix for the per-prefix
     * limit: SMS pumping sends to many numbers of one (premium or revenue-sharing) range.
     */
    @WithDefault("6")
    int prefixLength();

    /** Most verifications a tenant may start to numbers of one prefix within {@link #prefixWindow()}. */
    @WithDefault("20")
    int prefixMax();

    @WithDefault("10m")
    Duration prefixWindow();

    /**
     * The voice-service voice that reads the code, per locale, as {@code <locale>=<voice>}. A call in a locale without
     * a voice here is refused (400 naming {@code locale}): voice-service offers English voices only.
     */
    @WithDefault("en=female-en-US,en-GB=female-en-GB,en-IN=female-en-IN")
    List<String> callVoices();

    /** How often pending verifications past their expiry are moved to {@code expired} (and their webhook queued). */
    @WithDefault("1m")
    String expirySweepEvery();
}
