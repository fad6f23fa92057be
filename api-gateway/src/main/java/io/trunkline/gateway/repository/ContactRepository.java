package io.trunkline.gateway.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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

    /** Number and fields JSON of every member, oldest first, without loading entities (lists can be large). */
    @SuppressWarnings("unchecked")
    public List<Object[]> memberRows(String listId) {
        return getEntityManager().createNativeQuery("SELECT number, fields FROM contact WHERE list_id = ?1 "
                + "ORDER BY created_at, id").setParameter(1, listId).getResultList();
    }

    /** One page of the list's members by number, after {@code afterNumber} (null = from the first). */
    public List<Contact> page(String listId, String afterNumber, int size) {
        Sort byNumber = Sort.by("number");
        return (afterNumber == null ? find("listId = ?1", byNumber, listId)
                : find("listId = ?1 and number > ?2", byNumber, listId, afterNumber)).page(0, size).list();
    }

    /** Which of {@code numbers} are on the list already (asked in chunks, for imports). */
    public Set<String> existing(String listId, Collection<String> numbers) {
        Set<String> out = new HashSet<>();
        List<String> all = List.copyOf(numbers);
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            out.addAll(getEntityManager().createQuery("select c.number from Contact c where c.listId = ?1 "
                    + "and c.number in ?2", String.class).setParameter(1, listId).setParameter(2, chunk)
                    .getResultList());
        }
        return out;
    }
}
