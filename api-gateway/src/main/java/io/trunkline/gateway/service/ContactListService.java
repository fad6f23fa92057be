package io.trunkline.gateway.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.trunkline.gateway.Clocks;
import io.trunkline.gateway.Contact;
import io.trunkline.gateway.ContactList;
import io.trunkline.gateway.repository.ContactListRepository;
import io.trunkline.gateway.repository.ContactRepository;

/** Contact lists and their members. Used by broadcasts, the subscribe app (JOIN/STOP) and e-mail-to-SMS lists. */
@ApplicationScoped
public class ContactListService {
    private final ContactListRepository lists;
    private final ContactRepository contacts;

    public ContactListService(ContactListRepository lists, ContactRepository contacts) {
        this.lists = lists;
        this.contacts = contacts;
    }

    /** The tenant's list of that name, created when missing. */
    @Transactional
    public ContactList listNamed(String tenantId, String name) {
        return lists.findByName(tenantId, name).orElseGet(() -> {
            ContactList l = new ContactList();
            l.id = UUID.randomUUID().toString();
            l.tenantId = tenantId;
            l.name = name;
            l.createdAt = Clocks.now();
            l.updatedAt = l.createdAt;
            lists.persist(l);
            return l;
        });
    }

    /** Adds the number (E.164) to the list; true when it was not on it. */
    @Transactional
    public boolean addMember(String tenantId, String listId, String number, String fieldsJson) {
        ContactList l = lists.findForTenant(tenantId, listId).orElseThrow();
        if (contacts.findMember(l.id, number).isPresent()) {
            return false;
        }
        Contact c = new Contact();
        c.id = UUID.randomUUID().toString();
        c.listId = l.id;
        c.tenantId = tenantId;
        c.number = number;
        c.fields = fieldsJson;
        c.createdAt = Clocks.now();
        contacts.persist(c);
        return true;
    }

    /** Removes the number from the list; true when it was on it. */
    @Transactional
    public boolean removeMember(String tenantId, String listId, String number) {
        return contacts.delete("tenantId = ?1 and listId = ?2 and number = ?3", tenantId, listId, number) > 0;
    }

    /** The members of the tenant's list of that name, oldest first; empty when there is no such list. */
    @Transactional
    public List<Contact> members(String tenantId, String listName) {
        return lists.findByName(tenantId, listName).map(l -> contacts.members(l.id)).orElse(List.of());
    }
}
