package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deadlocks found by looks taken one after the other (the agent's cycles, the JUnit check's looks), each once the
 * look before found it too: the same threads, each waiting on the same thing. The agent reads threads one after the
 * other while they run, and two reads a moment apart can make a cycle that never was: HSQLDB's quiet control was reported {@code CRITICAL DEADLOCK} for one cycle in a full verify, main
 * read blocked on a stream's monitor the timer thread held, and the timer, read a moment later, blocked on it again
 * after main had taken it, each "held by" the other. A real deadlock is still there at the next look; a cycle made of
 * reads apart is not. A source read at one instant (a thread dump) needs no second look, so those that look again ask
 * for it, not the detector, and take it at once rather than a cycle later ({@link #heldBack()}): a run of three
 * seconds that deadlocks has its deadlock in its report, and a test that deadlocks fails 20 ms later.
 */
public final class ConfirmedDeadlocks {

    /** How long after a look that found a new deadlock the next one comes: reads a moment apart have moved on. */
    public static final long SECOND_LOOK_MILLIS = 20;

    /** The deadlocks the last look found, told or not. */
    private Set<String> lastSeen = Set.of();
    private boolean heldBack;

    /** {@code findings} without the deadlocks the look before did not find. */
    public List<Finding> of(List<Finding> findings) {
        Set<String> seen = new HashSet<>();
        heldBack = false;
        List<Finding> confirmed = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f.type() == FindingType.DEADLOCK) {
                String key = key(f);
                seen.add(key);
                if (!lastSeen.contains(key)) {
                    heldBack = true;
                    continue;
                }
            }
            confirmed.add(f);
        }
        lastSeen = seen;
        return confirmed;
    }

    /** Whether the last findings held a deadlock back: one the look before did not find. */
    public boolean heldBack() {
        return heldBack;
    }

    /** The cycle's threads with what each waits on. */
    private static String key(Finding f) {
        return f.threads().stream().map(t -> t.id() + "@" + t.blockedOn()).sorted().collect(Collectors.joining(","));
    }
}
