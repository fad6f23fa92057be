package io.trunkline.gateway.service;

import java.util.List;

import io.trunkline.platform.rest.Problem;

/** A verification start refused by a fraud limit: {@code 429} with {@code Retry-After} (see {@code VerificationProblems}). */
public class VerificationRateLimitedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final String TYPE = "verification-rate-limited";

    private final transient Problem problem;
    private final long retryAfterSeconds;
    private final String limit;

    /** {@code limit}: which window refused ({@code number}, {@code prefix}, {@code tenant}). */
    public VerificationRateLimitedException(String limit, String field, String detail, long retryAfterSeconds) {
        super(detail);
        this.limit = limit;
        this.problem = new Problem(Problem.TYPE_BASE + TYPE, "Too many verifications", 429, detail, null,
                List.of(new Problem.FieldError(field, detail)));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public String limit() {
        return limit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
