package dev.threadhound.prove;

import java.util.List;

/**
 * What the heap says about one waiting thread.
 *
 * @param threadId the thread
 * @param proven   true: nothing that can still run reaches what it waits on, so nothing can ever wake it
 * @param waitsOn  class name of what it waits on (its park blocker, or the monitor)
 * @param keptBy   when not proven: the reference chain that reaches what it waits on, root first; else empty
 */
public record Verdict(long threadId, boolean proven, String waitsOn, List<String> keptBy) {

    public Verdict {
        keptBy = List.copyOf(keptBy);
    }

    static Verdict proven(long threadId, String waitsOn) {
        return new Verdict(threadId, true, waitsOn, List.of());
    }

    static Verdict reachable(long threadId, String waitsOn, List<String> keptBy) {
        return new Verdict(threadId, false, waitsOn, keptBy);
    }
}
