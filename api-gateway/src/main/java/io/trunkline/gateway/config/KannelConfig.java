package io.trunkline.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kannel-compatible {@code /cgi-bin/sendsms} entry ({@code trunkline.gateway.kannel.*}). */
@ConfigMapping(prefix = "trunkline.gateway.kannel")
public interface KannelConfig {

    /** Off: {@code /cgi-bin/sendsms} answers 404 (env {@code TRUNKLINE_GATEWAY_KANNEL_ENABLED}). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Charset of {@code text} when the request has no {@code charset} and {@code coding} is 0 or absent (with
     * {@code coding=2} the default is UTF-16BE, as in Kannel). Kannel 1.4 converts to UTF-8 internally and its user guide
     * gives UTF-8 here; clients written for older Kannels send ISO-8859-1 / windows-1252, which an operator can select
     * (env {@code TRUNKLINE_GATEWAY_KANNEL_CHARSET}).
     */
    @WithDefault("UTF-8")
    String defaultCharset();
}
