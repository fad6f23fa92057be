package io.trunkline.gateway.rest;

import java.util.List;

/** One page of a tenant's messages, newest first. {@code page} counts from 0. */
public record MessagePage(List<MessageView> items, int page, int size, long total) {
}
