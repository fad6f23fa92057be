package io.trunkline.gateway.service;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/** Phone number parsing and validation (libphonenumber). */
@ApplicationScoped
public class PhoneNumbers {
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * The number in E.164 if it is a valid number: international ({@code +61...}, or with the region's international
     * prefix) or national, read in {@code region}.
     */
    public Optional<String> validE164(String input, String region) {
        return parse(input, region).filter(util::isValidNumber).map(n -> util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** The number in E.164 if it could be a number at all (length and country code); for senders such as long codes. */
    public Optional<String> possibleE164(String input) {
        return parse(input, null).filter(util::isPossibleNumber)
                .map(n -> util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164));
    }

    /** Whether libphonenumber knows the ISO 3166-1 alpha-2 region (upper case). */
    public boolean isSupportedRegion(String region) {
        return region != null && supportedRegions().contains(region);
    }

    public Set<String> supportedRegions() {
        return util.getSupportedRegions();
    }

    public static String normaliseRegion(String region) {
        return region == null ? null : region.trim().toUpperCase(Locale.ROOT);
    }

    private Optional<PhoneNumber> parse(String input, String region) {
        if (input == null || input.isBlank() || input.length() > 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(util.parse(input, region == null ? "ZZ" : region));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
