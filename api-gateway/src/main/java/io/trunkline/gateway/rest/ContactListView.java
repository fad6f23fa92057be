package io.trunkline.gateway.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.trunkline.gateway.service.ContactListService;

/** A contact list with its member count. */
@Schema(name = "ContactList")
public record ContactListView(String id, String name,
        @Schema(description = "Members on the list", examples = "1250") long contacts,
        Instant createdAt, Instant updatedAt) {

    public static ContactListView of(ContactListService.ListWithSize l) {
        return new ContactListView(l.list().id, l.list().name, l.contacts(), l.list().createdAt, l.list().updatedAt);
    }
}
