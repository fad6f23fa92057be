package io.trunkline.gateway.config;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Inbound SMS and apps ({@code trunkline.gateway.inbound.*}); see docs/inbound-and-apps.md. */
@ConfigMapping(prefix = "trunkline.gateway.inbound")
public interface InboundConfig {

    /**
     * First words that ALWAYS opt the sender out of the matched tenant(s), whatever app the keyword has
     * (env {@code TRUNKLINE_GATEWAY_INBOUND_STOP_WORDS}); case-insensitive. A subscribe app may add its own.
     */
    @WithDefault("STOP,STOPALL,UNSUBSCRIBE,CANCEL,END,QUIT")
    List<String> stopWords();

    /** First words that opt the sender back in (and join a subscribe app's list); case-insensitive. */
    @WithDefault("JOIN,START")
    List<String> joinWords();

    /** Largest page of {@code GET /v1/inbound} and of a dataset. */
    @WithDefault("100")
    int maxPageSize();

    /** Most recipients one e-mail to a contact list becomes (the rest is skipped and noted in the outcome). */
    @WithDefault("1000")
    int maxListRecipients();
}
