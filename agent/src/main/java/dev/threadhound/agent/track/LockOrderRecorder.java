package dev.threadhound.agent.track;

import dev.threadhound.agent.bootstrap.LockOrderProbe;

import java.util.Arrays;

/**
 * The slow path of lock-order tracking: a thread took a lock under a chain of held locks it had not reported yet.
 * One edge from each held lock to the new one, each with its gates (the other locks held exclusively). Runs on the
 * application's thread with its locks held, so it takes none of its own that the application could be waiting for
 * and calls no application code (locks are compared and hashed by identity only). About a microsecond for a new
 * edge, plus a stack walk for a new pair of sites.
 */
public final class LockOrderRecorder implements LockOrderProbe {

    private final LockGraph graph;
    private final LockSites sites;
    private final SiteStacks stacks;

    public LockOrderRecorder(LockGraph graph, LockSites sites) {
        this.graph = graph;
        this.sites = sites;
        this.stacks = new SiteStacks(sites);
    }

    @Override
    public boolean acquiring(Object[] held, int[] heldSites, int depth, Object lock, int site) {
        LockNode to = graph.node(lock, sites.of(site));
        if (to == null) {
            return false;
        }
        LockNode[] from = new LockNode[depth];
        boolean all = true;
        for (int i = 0; i < depth; i++) {
            if (held[i] != lock && firstHold(held, i)) {
                from[i] = graph.node(held[i], sites.of(heldSites[i]));
                all &= from[i] != null;
            }
        }
        for (int i = 0; i < depth; i++) {
            if (from[i] != null) {
                int heldSite = heldSites[i];
                all &= graph.edge(from[i], to, gates(from, heldSites, i), own -> stacks.of(heldSite, site, own));
            }
        }
        return all;
    }

    /** Whether {@code held[i]} is the lock's first appearance on the stack (later ones are re-entries). */
    private static boolean firstHold(Object[] held, int i) {
        for (int j = 0; j < i; j++) {
            if (held[j] == held[i]) {
                return false;
            }
        }
        return true;
    }

    /** The ids of the other held locks taken exclusively, sorted: no other thread can hold them at the same time. */
    private static long[] gates(LockNode[] from, int[] heldSites, int except) {
        long[] ids = new long[from.length];
        int n = 0;
        for (int j = 0; j < from.length; j++) {
            if (j != except && from[j] != null && !LockSites.shared(heldSites[j])) {
                ids[n++] = from[j].id;
            }
        }
        long[] gates = Arrays.copyOf(ids, n);
        Arrays.sort(gates);
        return gates;
    }
}
