package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * One lock object as the snapshots found it: how often threads were waiting for it, freshly (a new wait since the
 * snapshot before), in the recent snapshots. Each wait may be far shorter than any JFR threshold; a lock that
 * threads are found waiting for at most snapshots is hot all the same. Counts fade by {@link LockSamples#FADE} per
 * snapshot, which makes them a window of about {@link LockSamples#WINDOW} snapshots.
 *
 * @param identity     {@code Class@hex} of the lock object
 * @param lock         its class as users know it ({@code ReentrantLock}, not its {@code NonfairSync})
 * @param kind         {@code monitor} or {@code park}
 * @param withWaiters  faded number of snapshots that found a thread waiting for it
 * @param waitedMillis faded estimate of the total wait: waiting threads times the time between snapshots
 * @param samples      snapshots that found a thread waiting for it (not faded)
 * @param threadIds    threads found waiting for it, at most {@value LockSamples#THREADS_KEPT}
 * @param site         the first waiting stack seen, from the lock's own frame down (kept, so the lock keeps one
 *                     name); empty until a stack was taken
 */
public record SampledLock(String identity, String lock, String kind, double withWaiters, double waitedMillis,
                          long samples, List<Long> threadIds, List<String> site) implements Serializable {

    public SampledLock {
        threadIds = List.copyOf(threadIds);
        site = List.copyOf(site);
    }
}
