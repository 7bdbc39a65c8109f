package dev.threadhound.model;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which threads took locks: an edge per (held, acquired) pair of lock instances. A source with lock
 * order tracked fills it; every other source leaves it empty. A snapshot usually carries only its
 * {@link #cyclicPart()}: a graph of tens of thousands of edges holds a cycle in a handful of them.
 *
 * @param locks every lock an edge names
 * @param edges the edges, at most one per (held, acquired) pair
 */
public record LockOrderGraph(List<LockRecord> locks, List<LockEdgeRecord> edges) implements Serializable {

    public static final LockOrderGraph EMPTY = new LockOrderGraph(List.of(), List.of());

    public LockOrderGraph {
        locks = locks == null ? List.of() : List.copyOf(locks);
        edges = edges == null ? List.of() : List.copyOf(edges);
    }

    public Optional<LockRecord> lock(long id) {
        return locks.stream().filter(l -> l.id() == id).findFirst();
    }

    public boolean hasEdges() {
        return !edges.isEmpty();
    }

    /**
     * The edges that lie on some cycle, with their locks: those whose two locks are in the same strongly connected
     * component. Everything a cycle can be made of, nothing else. Linear in the edges (Tarjan, without recursion).
     */
    public LockOrderGraph cyclicPart() {
        Map<Long, List<Long>> next = new HashMap<>();
        for (LockEdgeRecord e : edges) {
            next.computeIfAbsent(e.held(), k -> new ArrayList<>()).add(e.acquired());
        }
        Map<Long, Integer> component = components(next);
        List<LockEdgeRecord> cyclic = new ArrayList<>();
        Set<Long> named = new HashSet<>();
        for (LockEdgeRecord e : edges) {
            Integer c = component.get(e.held());
            if (e.held() != e.acquired() && c != null && c.equals(component.get(e.acquired()))) {
                cyclic.add(e);
                named.add(e.held());
                named.add(e.acquired());
            }
        }
        if (cyclic.size() == edges.size()) {
            return this;
        }
        return new LockOrderGraph(locks.stream().filter(l -> named.contains(l.id())).toList(), cyclic);
    }

    /** Strongly connected component of every node, numbered; iterative Tarjan. */
    private static Map<Long, Integer> components(Map<Long, List<Long>> next) {
        Map<Long, Integer> index = new HashMap<>();
        Map<Long, Integer> low = new HashMap<>();
        Map<Long, Integer> component = new HashMap<>();
        Deque<Long> stack = new ArrayDeque<>();
        Set<Long> onStack = new HashSet<>();
        int counter = 0;
        int components = 0;
        for (Long root : next.keySet()) {
            if (index.containsKey(root)) {
                continue;
            }
            // Each frame: the node and how far through its successors the walk has got.
            Deque<long[]> walk = new ArrayDeque<>();
            walk.push(new long[] {root, 0});
            index.put(root, counter);
            low.put(root, counter++);
            stack.push(root);
            onStack.add(root);
            while (!walk.isEmpty()) {
                long[] frame = walk.peek();
                long node = frame[0];
                List<Long> successors = next.getOrDefault(node, List.of());
                if (frame[1] < successors.size()) {
                    long succ = successors.get((int) frame[1]++);
                    if (!index.containsKey(succ)) {
                        index.put(succ, counter);
                        low.put(succ, counter++);
                        stack.push(succ);
                        onStack.add(succ);
                        walk.push(new long[] {succ, 0});
                    } else if (onStack.contains(succ)) {
                        low.put(node, Math.min(low.get(node), index.get(succ)));
                    }
                    continue;
                }
                walk.pop();
                if (!walk.isEmpty()) {
                    long parent = walk.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(node)));
                }
                if (low.get(node).equals(index.get(node))) {
                    long member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        component.put(member, components);
                    } while (member != node);
                    components++;
                }
            }
        }
        return component;
    }
}
