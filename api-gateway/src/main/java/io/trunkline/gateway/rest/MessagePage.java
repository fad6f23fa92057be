package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One page of a tenant's messages, newest first. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessagePage(
        List<MessageView> items,
        @JsonProperty("next_cursor") @Schema(description = "Pass as cursor for the next (older) page; null on the last "
                + "page. Opaque.", nullable = true, examples = "MTc2NDE0NDAwMDAwMDo1ZjBjLi4u") String nextCursor) {
}
