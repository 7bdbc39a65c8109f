package dev.threadhound.prove;

import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * A breadth-first walk of a reference graph from named roots that can be resumed with more roots. It remembers, for
 * every node it reached, the node it came from, so the chain from a root to any reached node is a shortest one.
 */
final class Walk {

    private static final int UNSEEN = -2;
    private static final int ROOT = -1;
    /** A chain longer than this shows its two ends. */
    private static final int CHAIN_SHOWN = 12;

    private final ReferenceGraph graph;
    private final int[] from;
    private final Map<Integer, String> rootNames = new HashMap<>();
    private final BitSet held;
    /** For a held node some reached object refers to: the first such object. */
    private final Map<Integer, Integer> heldReachedFrom = new HashMap<>();
    private int[] queue = new int[1024];
    private int head;
    private int tail;

    Walk(ReferenceGraph graph) {
        this.graph = graph;
        this.from = new int[graph.size()];
        this.held = new BitSet(graph.size());
        Arrays.fill(from, UNSEEN);
    }

    /** A node the walk must not pass through until {@link #release}d: the {@code Thread} of a waiting thread. */
    void hold(int node) {
        held.set(node);
    }

    /** True the first time: the node is free to pass from now on. */
    boolean release(int node) {
        boolean was = held.get(node);
        held.clear(node);
        return was;
    }

    void seed(int node, String name) {
        if (node < 0 || from[node] != UNSEEN || held.get(node) || graph.observer(node)) {
            return;
        }
        from[node] = ROOT;
        rootNames.put(node, name);
        enqueue(node);
    }

    /** A thread that can run: its {@code Thread} object and every object its frames hold. */
    void seedThread(HeapThread thread) {
        String name = "thread \"" + thread.name() + "\"";
        seed(thread.threadNode(), name);
        for (HeapThread.FrameRoot root : thread.frameRoots()) {
            String frame = root.frame() < thread.stack().size() ? " at " + Chains.shortFrame(thread.stack().get(root.frame())) : "";
            seed(root.node(), name + frame);
        }
    }

    boolean reached(int node) {
        return from[node] != UNSEEN;
    }

    void run() {
        while (head < tail) {
            int node = queue[head++];
            if (graph.observer(node)) {
                continue;
            }
            graph.references(node, (target, weak) -> {
                if (weak || target < 0) {
                    return;
                }
                if (held.get(target)) {
                    if (!heldReachedFrom.containsKey(target) && !threadBookkeeping(node)) {
                        heldReachedFrom.put(target, node);
                    }
                } else if (from[target] == UNSEEN) {
                    from[target] = node;
                    enqueue(target);
                }
            });
        }
        head = 0;
        tail = 0;
    }

    /**
     * The chain to a held node (a waiting thread's {@code Thread}) from a reached object that refers to it, or empty:
     * whoever holds a thread can interrupt or unpark it (a pool's {@code shutdownNow()}, a future's
     * {@code cancel(true)}). The JVM's own lists of threads (a {@code ThreadGroup}'s, JDK 17) and the JDK's lock
     * queues and owners do not count: no code reaches a thread through them to wake it.
     */
    List<String> chainToHeld(int node) {
        Integer source = heldReachedFrom.get(node);
        if (source == null) {
            return List.of();
        }
        List<Integer> nodes = path(source);
        nodes.add(node);
        return chain(nodes);
    }

    private boolean threadBookkeeping(int node) {
        String type = graph.className(node);
        return type.equals("java.lang.ThreadGroup") || type.equals("java.lang.Thread[]")
                || type.startsWith("java.util.concurrent.locks.") || type.startsWith("jdk.internal.");
    }

    /** Root first: the root's name, then each object on the way, named by class and the field that leads on. */
    List<String> chain(int node) {
        return chain(path(node));
    }

    private List<Integer> path(int node) {
        List<Integer> nodes = new ArrayList<>();
        for (int n = node; n != ROOT; n = from[n]) {
            nodes.add(n);
        }
        Collections.reverse(nodes);
        return nodes;
    }

    private List<String> chain(List<Integer> nodes) {
        List<String> steps = new ArrayList<>();
        steps.add(rootNames.get(nodes.get(0)));
        for (int i = 0; i < nodes.size(); i++) {
            String step = Chains.simpleName(graph.className(nodes.get(i)));
            if (i + 1 < nodes.size()) {
                String via = graph.via(nodes.get(i), nodes.get(i + 1));
                if (via != null) {
                    step += via.startsWith("[") ? via : "." + via;
                }
            }
            steps.add(step);
        }
        return Chains.shorten(steps, CHAIN_SHOWN);
    }

    private void enqueue(int node) {
        if (tail == queue.length) {
            queue = Arrays.copyOf(queue, queue.length * 2);
        }
        queue[tail++] = node;
    }
}
