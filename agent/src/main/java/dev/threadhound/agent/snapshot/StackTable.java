package dev.threadhound.agent.snapshot;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Stacks as the model keeps them, made once: identical frames are one string and identical stacks one immutable
 * list. Ten thousand threads parked at one line then cost one stack, not ten thousand copies of it, and the
 * detectors' per-stack work is done once. Not thread-safe: the snapshot builder owns it.
 */
final class StackTable {

    private final Map<StackTraceElement, String> frames = new HashMap<>();
    private final Map<List<String>, List<String>> stacks = new HashMap<>();
    private int keptAtLastPrune = 1_024;

    /** The stack's frames, at most {@code depth} of them, as the one shared list. */
    List<String> of(StackTraceElement[] stack, int depth) {
        int n = Math.min(depth, stack.length);
        String[] text = new String[n];
        for (int i = 0; i < n; i++) {
            String frame = frames.get(stack[i]);
            if (frame == null) {
                frame = stack[i].toString();
                frames.put(detached(stack[i]), frame);
            }
            text[i] = frame;
        }
        List<String> list = List.of(text);
        List<String> known = stacks.putIfAbsent(list, list);
        return known != null ? known : list;
    }

    /**
     * A copy of the frame that holds no class, as the key to its text. JDK 17 gives a thread's frames (those of
     * {@code ThreadInfo}) a reference to the class each ran in, and a table keyed by them kept every class a stack
     * ever showed loaded, with its class loader and all it holds, until the table next pruned: an application
     * undeployed from its server stayed in memory. The copy is equal to the JVM's frame, so lookups find it.
     */
    private static StackTraceElement detached(StackTraceElement frame) {
        return new StackTraceElement(frame.getClassLoaderName(), frame.getModuleName(), frame.getModuleVersion(),
                frame.getClassName(), frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
    }

    /**
     * Forgets stacks no live thread holds any more, once the table has doubled since the last time: the table stays
     * within twice what is in use, and the cost of pruning is spread over the growth that made it necessary.
     */
    void prune(Supplier<Collection<List<String>>> inUse) {
        if (stacks.size() <= 2 * keptAtLastPrune) {
            return;
        }
        Set<List<String>> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(inUse.get());
        stacks.values().removeIf(stack -> !kept.contains(stack));
        Set<String> keptFrames = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.forEach(keptFrames::addAll);
        frames.values().removeIf(frame -> !keptFrames.contains(frame));
        keptAtLastPrune = Math.max(1_024, stacks.size());
    }

    int size() {
        return stacks.size();
    }
}
