package io.trunkline.gateway.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A poll's live tally: every option in the configured order, with its votes. */
@Schema(name = "PollTally")
public record PollTally(String appId, List<Option> options, long total, boolean open, boolean lastVoteWins,
        Instant opensAt, Instant closesAt) {
    public record Option(String option, long votes) {
    }
}
