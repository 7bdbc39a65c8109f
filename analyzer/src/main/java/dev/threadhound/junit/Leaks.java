package dev.threadhound.junit;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;

import java.util.ArrayList;
import java.util.List;

/**
 * What one look after the test found.
 *
 * @param leaks       what fails the test, in the order the message shows them
 * @param idleWorkers pool workers started during the test and now waiting for work, of pools nothing ties to the
 *                    test (no agent): a leak if their pool outlives the class, which a check may leave to the class
 * @param untraced    how many leaks could not be traced to this test while other tests ran at the same time
 * @param singletons  what static initializers created during the test, once for the process: never a test's leak,
 *                    but shown once, so that a real leak in a static initializer stays visible
 */
record Leaks(List<Leak> leaks, List<Leak> idleWorkers, int untraced, List<Leak> singletons) {

    /**
     * @param key identity of the executor or task, so that it is reported once; null for threads and deadlocks
     */
    record Leak(Finding finding, String key) {
    }

    static final Leaks NONE = new Leaks(List.of(), List.of(), 0);

    Leaks(List<Leak> leaks, List<Leak> idleWorkers, int untraced) {
        this(leaks, idleWorkers, untraced, List.of());
    }

    List<Finding> findings() {
        return leaks.stream().map(Leak::finding).toList();
    }

    boolean none() {
        return leaks.isEmpty();
    }

    boolean deadlocked() {
        return leaks.stream().anyMatch(l -> l.finding().type() == FindingType.DEADLOCK);
    }

    Leaks failing(LeakOptions options) {
        return new Leaks(leaks.stream().filter(l -> options.fails(l.finding().type())).toList(),
                idleWorkers.stream().filter(l -> options.fails(l.finding().type())).toList(), untraced, singletons);
    }

    /** The idle workers counted as leaks now, for a check that has no class to leave them to. */
    Leaks idleWorkersAsLeaks() {
        List<Leak> all = new ArrayList<>(leaks);
        all.addAll(idleWorkers);
        return new Leaks(all, List.of(), untraced, singletons);
    }

    /** Everything named here is known from now on, so no later check reports it again. */
    void remember() {
        for (Leak leak : leaks) {
            leak.finding().threads().forEach(t -> Reported.addThread(t.id()));
            if (leak.key() != null) {
                Reported.addOther(leak.key());
            }
        }
        for (Leak singleton : singletons) {
            singleton.finding().threads().forEach(t -> Reported.addThread(t.id()));
            if (singleton.key() != null) {
                Reported.addOther(singleton.key());
            }
        }
    }
}
