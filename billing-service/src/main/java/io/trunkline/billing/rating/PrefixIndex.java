package io.trunkline.billing.rating;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import io.trunkline.billing.ServiceCode;

/**
 * An immutable digit trie over one plan's rates, for longest-prefix matching. Nodes are int indexes into one flat
 * {@code children} array (10 slots per node), so a 100,000-prefix card is a few MB and a lookup is one array walk
 * over the destination's digits, with no allocation. Rates of one prefix are kept newest-first.
 */
public final class PrefixIndex {
    private static final Tariff[] NONE = new Tariff[0];
    private static final Comparator<Tariff> NEWEST_FIRST = Comparator.comparing(Tariff::from).reversed();

    private final int[] children;
    private final Tariff[][] rates;
    private final int size;
    private final int prefixes;

    private PrefixIndex(int[] children, Tariff[][] rates, int size, int prefixes) {
        this.children = children;
        this.rates = rates;
        this.size = size;
        this.prefixes = prefixes;
    }

    public static PrefixIndex of(Collection<Tariff> tariffs) {
        int capacity = Math.max(16, tariffs.size() * 2);
        int[] children = new int[capacity * 10];
        List<List<Tariff>> at = new ArrayList<>(capacity);
        at.add(null);
        int size = 1;
        for (Tariff t : tariffs) {
            int node = 0;
            String p = t.prefix();
            for (int i = 0; i < p.length(); i++) {
                int slot = node * 10 + (p.charAt(i) - '0');
                int child = children[slot];
                if (child == 0) {
                    if (size * 10 + 10 > children.length) {
                        children = Arrays.copyOf(children, children.length * 2);
                    }
                    child = size++;
                    children[slot] = child;
                    at.add(null);
                }
                node = child;
            }
            if (at.get(node) == null) {
                at.set(node, new ArrayList<>(2));
            }
            at.get(node).add(t);
        }
        Tariff[][] rates = new Tariff[size][];
        int prefixes = 0;
        for (int n = 0; n < size; n++) {
            List<Tariff> l = at.get(n);
            if (l != null) {
                l.sort(NEWEST_FIRST);
                rates[n] = l.toArray(NONE);
                prefixes++;
            }
        }
        return new PrefixIndex(Arrays.copyOf(children, size * 10), rates, size, prefixes);
    }

    /**
     * The rate for {@code service} effective at {@code at} with the longest prefix of {@code destination}'s digits
     * (a leading {@code +} is skipped; matching stops at the first non-digit), or null. A longer prefix whose rates are
     * not effective at {@code at} (or not for this service) gives way to a shorter one.
     */
    public Tariff find(ServiceCode service, CharSequence destination, Instant at) {
        Tariff best = pick(rates[0], service, at);
        int node = 0;
        int i = destination.length() > 0 && destination.charAt(0) == '+' ? 1 : 0;
        for (; i < destination.length(); i++) {
            int d = destination.charAt(i) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            node = children[node * 10 + d];
            if (node == 0) {
                break;
            }
            Tariff[] here = rates[node];
            if (here != null) {
                Tariff t = pick(here, service, at);
                if (t != null) {
                    best = t;
                }
            }
        }
        return best;
    }

    private static Tariff pick(Tariff[] here, ServiceCode service, Instant at) {
        if (here == null) {
            return null;
        }
        for (Tariff t : here) {
            if (t.service() == service && t.activeAt(at)) {
                return t;
            }
        }
        return null;
    }

    /** Distinct prefixes that carry at least one rate. */
    public int prefixes() {
        return prefixes;
    }

    /** Trie nodes (for sizing). */
    public int nodes() {
        return size;
    }
}
