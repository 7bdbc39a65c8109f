package dev.threadhound.detect;

import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The wait-for graph between executors that the JDK cannot see: a pool waits on another (or on itself) when its
 * workers wait on tasks queued there. Pools are named by {@link dev.threadhound.model.ExecutorRecord#name()};
 * tree maps and sets keep every result in name order.
 */
final class PoolWaitGraph {

    private PoolWaitGraph() {
    }

    /**
     * The pools that can never move again, each with the pools its workers wait on: start from every full pool
     * whose workers all wait on queued tasks, then drop, until nothing changes, any pool waiting on a pool not
     * in the set (that one may still finish the task). What remains waits only on itself.
     */
    static Map<String, Set<String>> stuckForGood(Set<String> full, Map<String, List<ThreadRecord>> workers,
                                                 Map<String, String> queuedIn) {
        Map<String, Set<String>> waitsOn = new TreeMap<>();
        for (String name : full) {
            Set<String> targets = new TreeSet<>();
            for (ThreadRecord w : workers.get(name)) {
                String target = "WAITING".equals(w.state()) && w.blockedOn() != null ? queuedIn.get(w.blockedOn()) : null;
                if (target == null) {
                    targets = null;
                    break;
                }
                targets.add(target);
            }
            if (targets != null) {
                waitsOn.put(name, targets);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = waitsOn.entrySet().removeIf(e -> !waitsOn.keySet().containsAll(e.getValue()));
        }
        return waitsOn;
    }

    /** Pools linked by waiting, each group reported once, in name order. */
    static List<Set<String>> components(Map<String, Set<String>> waitsOn) {
        Map<String, Set<String>> linked = new TreeMap<>();
        waitsOn.forEach((from, targets) -> targets.forEach(to -> {
            linked.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
            linked.computeIfAbsent(to, k -> new TreeSet<>()).add(from);
        }));
        List<Set<String>> components = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String start : linked.keySet()) {
            if (seen.add(start)) {
                Set<String> component = new TreeSet<>();
                List<String> pending = new ArrayList<>(List.of(start));
                while (!pending.isEmpty()) {
                    String next = pending.remove(pending.size() - 1);
                    component.add(next);
                    linked.get(next).stream().filter(seen::add).forEach(pending::add);
                }
                components.add(component);
            }
        }
        return components;
    }
}
