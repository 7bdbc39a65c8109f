package dev.threadhound.prove;

import dev.threadhound.model.heap.HeapRoot;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

/** A reference graph built by hand: objects by class name, named references, roots and threads. */
final class HandGraph implements ReferenceGraph {

    private record Edge(int target, String field, boolean weak) {
    }

    private final List<String> classes = new ArrayList<>();
    private final List<List<Edge>> edges = new ArrayList<>();
    private final Set<Integer> observers = new HashSet<>();
    private final List<HeapRoot> roots = new ArrayList<>();
    private final List<HeapThread> threads = new ArrayList<>();

    /** A new object of {@code className}. */
    int object(String className) {
        classes.add(className);
        edges.add(new ArrayList<>());
        return classes.size() - 1;
    }

    /** An object of threadhound itself. */
    int observerObject(String className) {
        int node = object(className);
        observers.add(node);
        return node;
    }

    HandGraph ref(int from, String field, int to) {
        edges.get(from).add(new Edge(to, field, false));
        return this;
    }

    HandGraph weakRef(int from, int to) {
        edges.get(from).add(new Edge(to, "referent", true));
        return this;
    }

    HandGraph staticField(String name, int node) {
        roots.add(new HeapRoot(node, name));
        return this;
    }

    /** A thread of {@code state}; {@code frames} are pairs of frame index and node its frame holds. */
    HeapThread thread(long id, String name, String state, List<String> stack, int parkBlocker, int... frames) {
        int threadNode = object("java.lang.Thread");
        List<HeapThread.FrameRoot> frameRoots = new ArrayList<>();
        for (int i = 0; i < frames.length; i += 2) {
            frameRoots.add(new HeapThread.FrameRoot(frames[i], frames[i + 1]));
        }
        HeapThread thread = new HeapThread(id, name, false, state, stack, threadNode, parkBlocker, frameRoots);
        threads.add(thread);
        return thread;
    }

    @Override
    public int size() {
        return classes.size();
    }

    @Override
    public void references(int node, ReferenceSink sink) {
        edges.get(node).forEach(e -> sink.reference(e.target(), e.weak()));
    }

    @Override
    public String via(int from, int to) {
        return edges.get(from).stream().filter(e -> e.target() == to).map(Edge::field).findFirst().orElse(null);
    }

    @Override
    public String className(int node) {
        return classes.get(node);
    }

    @Override
    public boolean observer(int node) {
        return observers.contains(node);
    }

    @Override
    public List<HeapRoot> roots() {
        return roots;
    }

    @Override
    public List<HeapThread> threads() {
        return threads;
    }
}
