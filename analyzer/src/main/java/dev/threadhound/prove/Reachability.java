package dev.threadhound.prove;

import dev.threadhound.detect.Frames;
import dev.threadhound.detect.ThreadRole;
import dev.threadhound.model.heap.HeapRoot;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for waiting threads, whether anything that can still run reaches what they wait on: Go's goroutine
 * leak check on the JVM. The walk starts from static fields, JNI globals and the stacks (and {@code Thread}
 * objects) of threads that can still run: running, sleeping with a timeout, or waiting on something the heap cannot
 * name. A waiting thread's own stack and {@code Thread} object count only once what it waits on has been reached
 * (then it can be woken, and may wake others), so the walk repeats until no more threads wake. A thread whose wait
 * targets are never reached is proven stuck for good; for one whose are, the chain from the root says who could
 * still wake it.
 *
 * <p>A reference to the waiting thread's {@code Thread} object from something that can still run wakes it too, when
 * an interrupt ends its wait: a pool's {@code shutdownNow()} interrupts the workers it holds, a future's
 * {@code cancel(true)} its runner. Not counted: weak references, and everything of threadhound itself (its objects,
 * statics and threads only watch). Nor is a thread found by enumerating all threads and interrupted or unparked by it:
 * the proof is that no ordinary reference reaches the wait or the thread.
 *
 * <p>Cost: one visit of every reachable object (a read of its record from the dump) and 4 bytes per object.
 */
public final class Reachability {

    private static final Set<String> UNINTERRUPTIBLE = Set.of(
            "java.util.concurrent.locks.ReentrantLock.lock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock.lock",
            "java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock",
            "java.util.concurrent.locks.StampedLock.readLock",
            "java.util.concurrent.locks.StampedLock.writeLock",
            "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.awaitUninterruptibly",
            "java.util.concurrent.Semaphore.acquireUninterruptibly",
            "java.util.concurrent.CompletableFuture.join");

    private Reachability() {
    }

    /**
     * @param candidates ids of the threads to decide
     * @param lockClasses what a thread dump says each thread waits on ({@code Class@hash}) by thread id, to tell a
     *                    monitor from the other objects its frames hold; may miss any thread
     * @return a verdict for each candidate the heap can decide: one that is not in the heap, no longer waits, or
     *         waits on something the heap cannot name has none
     */
    public static Map<Long, Verdict> decide(ReferenceGraph graph, Collection<Long> candidates, Map<Long, String> lockClasses) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        Map<HeapThread, int[]> blocked = new LinkedHashMap<>();
        List<HeapThread> running = new ArrayList<>();
        for (HeapThread thread : graph.threads()) {
            if (observer(thread)) {
                continue;
            }
            int[] targets = WaitTargets.of(thread, graph, WaitTargets.lockClass(lockClasses.get(thread.id())));
            if (targets.length > 0) {
                blocked.put(thread, targets);
            } else {
                running.add(thread);
            }
        }
        Walk walk = new Walk(graph);
        blocked.keySet().forEach(t -> walk.hold(t.threadNode()));
        for (HeapRoot root : graph.roots()) {
            walk.seed(root.node(), root.name());
        }
        running.forEach(walk::seedThread);
        walk.run();
        Map<HeapThread, int[]> asleep = new LinkedHashMap<>(blocked);
        // What woke each thread, taken when it woke: once its own stack counts it reaches its other targets too.
        Map<HeapThread, Integer> wokenBy = new HashMap<>();
        Map<HeapThread, List<String>> interruptedBy = new HashMap<>();
        boolean woke = true;
        while (woke) {
            woke = false;
            for (var it = asleep.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                HeapThread thread = entry.getKey();
                int reached = firstReached(entry.getValue(), walk);
                List<String> holder = reached < 0 && interruptible(thread) ? walk.chainToHeld(thread.threadNode()) : List.of();
                if (reached >= 0 || !holder.isEmpty()) {
                    it.remove();
                    wokenBy.put(thread, reached >= 0 ? reached : thread.threadNode());
                    if (reached < 0) {
                        interruptedBy.put(thread, holder);
                    }
                }
            }
            for (HeapThread thread : wokenBy.keySet()) {
                if (walk.release(thread.threadNode())) {
                    walk.seedThread(thread);
                    woke = true;
                }
            }
            walk.run();
        }
        Map<Long, Verdict> verdicts = new HashMap<>();
        for (var entry : blocked.entrySet()) {
            HeapThread thread = entry.getKey();
            if (!candidates.contains(thread.id())) {
                continue;
            }
            int[] targets = entry.getValue();
            String waitsOn = graph.className(targets[0]);
            int reached = wokenBy.getOrDefault(thread, -1);
            List<String> holder = interruptedBy.get(thread);
            verdicts.put(thread.id(), reached < 0 ? Verdict.proven(thread.id(), waitsOn)
                    : holder != null ? Verdict.reachable(thread.id(), waitsOn, holder)
                    : Verdict.reachable(thread.id(), graph.className(reached), walk.chain(reached)));
        }
        return verdicts;
    }

    private static int firstReached(int[] targets, Walk walk) {
        for (int target : targets) {
            if (walk.reached(target)) {
                return target;
            }
        }
        return -1;
    }

    /**
     * Whether an interrupt (or an unpark) ends the thread's wait: every wait does but a monitor's entry, a lock's
     * {@code lock()}, and the JDK's waits that ignore interrupts.
     */
    private static boolean interruptible(HeapThread thread) {
        if ("BLOCKED".equals(thread.state())) {
            return false;
        }
        for (String frame : thread.stack()) {
            if (UNINTERRUPTIBLE.contains(Frames.method(frame))) {
                return false;
            }
        }
        return true;
    }

    private static boolean observer(HeapThread thread) {
        return thread.name() != null && thread.name().startsWith(ThreadRole.AGENT_PREFIX);
    }
}
