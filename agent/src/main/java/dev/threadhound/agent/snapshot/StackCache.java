package dev.threadhound.agent.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cheap scan first, stacks only for suspects: a waiting thread's stack is fetched once it has stayed in the same
 * state with the same wait counts for a whole cycle, and reused while nothing changes (a parked thread that has
 * not woken up has not moved). Threads that keep waking up never cost a stack.
 */
final class StackCache {

    enum Verdict { NEW, DUE, CACHED }

    private record Entry(String key, List<String> stack) {
    }

    private final Map<Long, Entry> entries = new HashMap<>();

    /** What to do for a thread now seen with {@code key} (state and wait counts). */
    Verdict check(long threadId, String key) {
        Entry e = entries.get(threadId);
        if (e == null || !e.key.equals(key)) {
            entries.put(threadId, new Entry(key, null));
            return Verdict.NEW;
        }
        return e.stack == null ? Verdict.DUE : Verdict.CACHED;
    }

    List<String> stack(long threadId) {
        Entry e = entries.get(threadId);
        return e == null || e.stack == null ? List.of() : e.stack;
    }

    void store(long threadId, String key, List<String> stack) {
        entries.put(threadId, new Entry(key, stack));
    }

    void retainOnly(Set<Long> liveIds) {
        entries.keySet().retainAll(liveIds);
    }
}
