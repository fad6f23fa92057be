package io.trunkline.gateway.repository;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.trunkline.gateway.Contact;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, String> {

    public Optional<Contact> findMember(String listId, String number) {
        return find("listId = ?1 and number = ?2", listId, number).firstResultOptional();
    }

    public List<Contact> members(String listId) {
        return list("listId", Sort.by("createdAt").and("id"), listId);
    }
}
