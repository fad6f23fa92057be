package io.trunkline.gateway.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of inbound messages, newest first; pass {@code nextCursor} as {@code cursor} for the next (null = last). */
@Schema(name = "InboundPage")
public record InboundPage(List<InboundView> items, String nextCursor) {
}
