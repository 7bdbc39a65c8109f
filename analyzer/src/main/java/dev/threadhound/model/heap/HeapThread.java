package dev.threadhound.model.heap;

import java.util.List;

/**
 * One thread as the heap records it.
 *
 * @param id          the thread's id ({@code Thread.getId()}), the same the live snapshots use
 * @param state       {@link Thread.State} name as of the dump, or null when the heap does not say
 * @param stack       frames in {@code StackTraceElement.toString()} form, innermost first
 * @param threadNode  the {@code java.lang.Thread} object
 * @param parkBlocker the object a parked thread named when it parked ({@code Thread.parkBlocker}), or -1
 * @param frameRoots  objects the thread's frames hold (locals and operands), by frame
 */
public record HeapThread(
        long id,
        String name,
        boolean daemon,
        String state,
        List<String> stack,
        int threadNode,
        int parkBlocker,
        List<FrameRoot> frameRoots) {

    public HeapThread {
        stack = List.copyOf(stack);
        frameRoots = List.copyOf(frameRoots);
    }

    /** An object held by frame {@code frame} (0 = innermost) of a thread's stack. */
    public record FrameRoot(int frame, int node) {
    }

    public boolean waiting() {
        return "WAITING".equals(state) || "BLOCKED".equals(state);
    }
}
