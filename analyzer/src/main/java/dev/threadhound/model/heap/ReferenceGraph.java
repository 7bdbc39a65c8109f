package dev.threadhound.model.heap;

import java.util.List;

/**
 * The objects of one heap as nodes {@code 0 .. size()-1} and the references between them. A source may read
 * references lazily (a heap dump of a gigabyte does not fit in memory as objects), so {@link #references} costs a
 * read of one object's record and is called at most once per node by a walk.
 */
public interface ReferenceGraph {

    /** Number of nodes: every object, class and array of the heap. */
    int size();

    /** Calls {@code sink} once for every reference field or array slot of {@code node} that is not null. */
    void references(int node, ReferenceSink sink);

    /** The field or array slot of {@code from} that refers to {@code to} ({@code notEmpty}, {@code [3]}), or null. */
    String via(int from, int to);

    /** Fully qualified class name of an instance, the array type of an array, or the class a class node stands for. */
    String className(int node);

    /**
     * Objects of threadhound itself (the agent's classes and everything its class loader defined). They only watch
     * the application, so a reference they hold never counts as one that could wake a thread.
     */
    boolean observer(int node);

    /** Roots not tied to a thread: static fields and JNI global references. */
    List<HeapRoot> roots();

    /** The platform threads the heap records, with what their frames hold. */
    List<HeapThread> threads();

    /** Receives the references of one node. */
    @FunctionalInterface
    interface ReferenceSink {
        /**
         * @param weak a reference the garbage collector does not follow ({@code java.lang.ref.Reference.referent}):
         *             it keeps nothing alive and wakes nobody
         */
        void reference(int target, boolean weak);
    }
}
