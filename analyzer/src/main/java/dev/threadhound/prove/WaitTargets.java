package dev.threadhound.prove;

import dev.threadhound.detect.Frames;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The objects a waiting thread waits on, as far as the heap tells. A parked thread names its blocker in
 * {@code Thread.parkBlocker}. A thread blocked on, or waiting in {@code Object.wait} for, a monitor has no such
 * field: the monitor is among the objects its innermost frames hold (the heap dump records every frame's locals as
 * roots of that thread). Those frames may hold other objects too, so the monitor is told apart by its class when a
 * thread dump gave it ({@code blockedOn}); without that, only the receiver of {@code Object.wait} counts. When
 * several objects fit, the thread waits on one of them and only all of them unreachable proves it.
 */
final class WaitTargets {

    private static final int[] NONE = new int[0];

    private WaitTargets() {
    }

    /**
     * @param lockClass class of the monitor as a thread dump named it, or null when unknown
     * @return nodes the thread may wait on; empty when it does not wait or the heap cannot tell on what
     */
    static int[] of(HeapThread thread, ReferenceGraph graph, String lockClass) {
        if (!thread.waiting()) {
            return NONE;
        }
        if (thread.parkBlocker() >= 0) {
            return new int[] {thread.parkBlocker()};
        }
        int waitFrames = waitFrames(thread);
        Set<Integer> found = new LinkedHashSet<>();
        for (HeapThread.FrameRoot root : thread.frameRoots()) {
            if (root.node() == thread.threadNode()) {
                continue;
            }
            boolean fits = lockClass != null
                    ? root.frame() <= waitFrames && lockClass.equals(graph.className(root.node()))
                    : root.frame() < waitFrames;
            if (fits) {
                found.add(root.node());
            }
        }
        return found.isEmpty() ? NONE : found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** How many innermost frames are {@code Object.wait} itself (its native part and its Java wrappers). */
    private static int waitFrames(HeapThread thread) {
        int n = 0;
        while (n < thread.stack().size() && isWait(thread.stack().get(n))) {
            n++;
        }
        return n;
    }

    private static boolean isWait(String frame) {
        return Frames.is(frame, "java.lang.Object", "wait") || Frames.is(frame, "java.lang.Object", "wait0");
    }

    /** The class part of an identity such as {@code java.lang.Object@1b6d3586}, or null. */
    static String lockClass(String identity) {
        if (identity == null || identity.isEmpty()) {
            return null;
        }
        int at = identity.indexOf('@');
        return at >= 0 ? identity.substring(0, at) : identity;
    }
}
