package io.trunkline.gateway.repository;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.trunkline.gateway.OptOut;

@ApplicationScoped
public class OptOutRepository implements PanacheRepositoryBase<OptOut, OptOut.Key> {

    public boolean isOptedOut(String tenantId, String number) {
        return count("tenantId = ?1 and number = ?2", tenantId, number) > 0;
    }

    /** Which of {@code numbers} opted out of the tenant's messages (asked in chunks, for broadcasts). */
    public Set<String> optedOut(String tenantId, Collection<String> numbers) {
        Set<String> out = new HashSet<>();
        List<String> all = List.copyOf(numbers);
        for (int i = 0; i < all.size(); i += 1000) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            find("tenantId = ?1 and number in ?2", tenantId, chunk).stream().forEach(o -> out.add(o.number));
        }
        return out;
    }
}
