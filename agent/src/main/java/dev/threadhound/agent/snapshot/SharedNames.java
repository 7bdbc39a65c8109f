package dev.threadhound.agent.snapshot;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One string per name the thread records repeat: a lock's identity ({@code Class@hex}), which every read of a
 * waiting thread makes anew, and the call a thread waits in ({@code CountDownLatch.await}), which is cut from its
 * stack. Ten thousand threads parked on one latch kept ten thousand equal copies of each. Not thread-safe: the
 * snapshot builder owns it.
 */
final class SharedNames {

    private final Map<String, String> names = new HashMap<>();
    private int keptAtLastPrune = 256;

    /** The one string equal to {@code name}, or null for null. */
    String of(String name) {
        if (name == null) {
            return null;
        }
        String known = names.putIfAbsent(name, name);
        return known != null ? known : name;
    }

    /**
     * Forgets the names no thread read waits on any more, once the table has doubled since the last time (as the
     * stack table does): it stays within twice what is in use. A call name forgotten so is made again when next seen.
     */
    void prune(Consumer<Consumer<String>> inUse) {
        if (names.size() <= 2 * keptAtLastPrune) {
            return;
        }
        Set<String> kept = new HashSet<>();
        inUse.accept(kept::add);
        names.keySet().retainAll(kept);
        keptAtLastPrune = Math.max(256, names.size());
    }

    int size() {
        return names.size();
    }
}
