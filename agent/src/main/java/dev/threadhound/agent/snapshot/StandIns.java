package dev.threadhound.agent.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stack that threads alike are known to share: threads started at one site, in one state, waiting on the very
 * same object, whose {@value #SAMPLES} or more stacks taken so far are all one stack. The periodic cycle gives that
 * stack to the others of their kind instead of taking each one's: among ten thousand threads parked on one latch the
 * first stacks were taken 64 a cycle for minutes, and on JDK 17 each batch stopped every thread for 3.5–13.6 ms. A kind
 * whose stacks disagree stands in for nothing, so each of its threads keeps being looked at; the JUnit check takes
 * every thread's own, {@code /threads} as many as its budget allows. What is given up: a thread of such a kind that
 * waits on that object elsewhere than the ones looked at shows their stack until it moves, as does one of a kind
 * found to disagree only after it was given the stack.
 */
final class StandIns {

    /** Stacks of a kind taken, all alike, before they stand in for the rest. */
    static final int SAMPLES = 8;

    /** What a thread is, as far as the stand-in goes: its creation site, its state and what it waits on. */
    private record Kind(Object site, Thread.State state, String blockedOn) {
    }

    private static final class Sample {
        List<String> stack;
        int taken;
        boolean mixed;
    }

    private final Map<Kind, Sample> samples = new HashMap<>();
    private Kind lastKind;
    private Sample lastSample;

    /** A stack taken of a thread of this kind (not one stood in for it). */
    void taken(Object site, Thread.State state, String blockedOn, List<String> stack) {
        Sample s = sample(site, state, blockedOn, true);
        if (s.taken++ == 0) {
            s.stack = stack;
        } else if (s.stack != stack) {
            // identical stacks are one list (StackTable)
            s.mixed = true;
        }
    }

    /** The stack the threads of this kind share, or null when too few were looked at or they differ. */
    List<String> of(Object site, Thread.State state, String blockedOn) {
        Sample s = sample(site, state, blockedOn, false);
        return s != null && s.taken >= SAMPLES && !s.mixed ? s.stack : null;
    }

    private Sample sample(Object site, Thread.State state, String blockedOn, boolean make) {
        // threads alike come in runs: the kind of the thread before is not looked up again
        if (lastKind != null && lastKind.site == site && lastKind.state == state
                && Objects.equals(lastKind.blockedOn, blockedOn) && (lastSample != null || !make)) {
            return lastSample;
        }
        Kind kind = new Kind(site, state, blockedOn);
        lastKind = kind;
        lastSample = make ? samples.computeIfAbsent(kind, k -> new Sample()) : samples.get(kind);
        return lastSample;
    }
}
