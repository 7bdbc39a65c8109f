package dev.threadhound.detect;

import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.LockOrderGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cycles of a lock-order graph that could deadlock: for each edge on a cycle, the shortest cycle through it
 * whose threads could all be inside their part of it at once, each distinct set of edges once.
 *
 * <p>When a cycle deadlocks, the thread of each edge holds that edge's held lock and its gates (the locks it held
 * exclusively every time it made the edge) while it waits for the next lock. Two edges whose threads would have to
 * hold the same lock at the same moment cannot both be waiting: such a cycle cannot close. That covers the gate
 * lock (every path takes {@code G} first, so only one is ever inside) and is stricter than a lock common to all
 * edges: any two edges sharing one is enough.
 */
final class LockCycles {

    /** Cycles reported per graph: enough to show every distinct inversion a program has. */
    static final int MAX_CYCLES = 32;
    /** Breadth-first searches per graph, one per edge on a cycle: bounds the cost of a pathological graph. */
    static final int MAX_SEARCHES = 2_000;

    private static final Comparator<LockEdgeRecord> ORDER =
            Comparator.comparingLong(LockEdgeRecord::held).thenComparingLong(LockEdgeRecord::acquired);

    private LockCycles() {
    }

    /** The cycles, each as its edges in order (each edge's acquired lock is the next one's held lock). */
    static List<List<LockEdgeRecord>> of(LockOrderGraph graph) {
        List<LockEdgeRecord> edges = new ArrayList<>(withoutObjectsBeingBuilt(graph).cyclicPart().edges());
        edges.sort(ORDER);
        Map<Long, List<LockEdgeRecord>> out = new HashMap<>();
        for (LockEdgeRecord e : edges) {
            out.computeIfAbsent(e.held(), k -> new ArrayList<>()).add(e);
        }
        Set<Set<List<Long>>> seen = new HashSet<>();
        List<List<LockEdgeRecord>> cycles = new ArrayList<>();
        int searches = 0;
        for (LockEdgeRecord e : edges) {
            if (cycles.size() >= MAX_CYCLES || searches++ >= MAX_SEARCHES) {
                break;
            }
            List<LockEdgeRecord> back = shortestPath(out, e);
            if (back == null) {
                continue;
            }
            List<LockEdgeRecord> cycle = new ArrayList<>();
            cycle.add(e);
            cycle.addAll(back);
            if (seen.add(key(cycle)) && feasible(cycle)) {
                cycles.add(List.copyOf(cycle));
            }
        }
        return cycles;
    }

    /**
     * The graph without the edges made while one of their locks was an object its thread was still constructing (its
     * class's constructor on the stack that took it): no other thread can reach an object before its constructor
     * returns, so no other thread can hold it then, and such an edge never waits on anyone. H2 takes its database's
     * monitor under a session's lock while the database is built, and the other order when the last session closes it.
     */
    static LockOrderGraph withoutObjectsBeingBuilt(LockOrderGraph graph) {
        Map<Long, String> constructors = new HashMap<>();
        graph.locks().forEach(l -> {
            int at = l.identity().indexOf('@');
            if (at > 0) {
                constructors.put(l.id(), l.identity().substring(0, at) + ".<init>");
            }
        });
        List<LockEdgeRecord> kept = graph.edges().stream()
                .filter(e -> !underConstruction(e.acquiredAt(), constructors.get(e.acquired()))
                        && !underConstruction(e.acquiredAt(), constructors.get(e.held())))
                .toList();
        return kept.size() == graph.edges().size() ? graph : new LockOrderGraph(graph.locks(), kept);
    }

    private static boolean underConstruction(List<String> stack, String constructor) {
        return constructor != null && stack.stream().anyMatch(f -> Frames.method(f).equals(constructor));
    }

    /** No two edges of the cycle need the same lock held at the moment their threads would wait. */
    static boolean feasible(List<LockEdgeRecord> cycle) {
        for (int i = 0; i < cycle.size(); i++) {
            for (int j = i + 1; j < cycle.size(); j++) {
                if (conflict(cycle.get(i), cycle.get(j))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean conflict(LockEdgeRecord a, LockEdgeRecord b) {
        Set<Long> held = holds(a);
        return holds(b).stream().anyMatch(held::contains);
    }

    /** What the thread of an edge holds while it waits for the edge's second lock. */
    private static Set<Long> holds(LockEdgeRecord e) {
        Set<Long> held = new HashSet<>(e.gates());
        held.add(e.held());
        return held;
    }

    /**
     * Breadth-first from the edge's second lock back to its first, over edges that do not conflict with it, so that
     * a gated shortcut does not hide a longer cycle that can close.
     */
    private static List<LockEdgeRecord> shortestPath(Map<Long, List<LockEdgeRecord>> out, LockEdgeRecord first) {
        Map<Long, LockEdgeRecord> reachedBy = new LinkedHashMap<>();
        ArrayDeque<Long> queue = new ArrayDeque<>();
        queue.add(first.acquired());
        reachedBy.put(first.acquired(), null);
        while (!queue.isEmpty()) {
            long node = queue.poll();
            if (node == first.held()) {
                List<LockEdgeRecord> path = new ArrayList<>();
                for (LockEdgeRecord e = reachedBy.get(node); e != null; e = reachedBy.get(e.held())) {
                    path.add(0, e);
                }
                return path;
            }
            for (LockEdgeRecord e : out.getOrDefault(node, List.of())) {
                if (!reachedBy.containsKey(e.acquired()) && !conflict(first, e)) {
                    reachedBy.put(e.acquired(), e);
                    queue.add(e.acquired());
                }
            }
        }
        return null;
    }

    private static Set<List<Long>> key(List<LockEdgeRecord> cycle) {
        Set<List<Long>> key = new HashSet<>();
        cycle.forEach(e -> key.add(List.of(e.held(), e.acquired())));
        return key;
    }
}
