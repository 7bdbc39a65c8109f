package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * Time threads spent waiting for one lock class at one call site, summed over the contention window.
 *
 * @param lock        class name of the monitor or of the park blocker
 * @param kind        {@code monitor} or {@code park}
 * @param site        frames of the first caller outside java.util.concurrent internals
 * @param durationMs  total wait
 * @param count       number of waits
 * @param threadCount distinct threads that waited
 * @param threadIds   some of those threads (a source may keep only a few), empty when unknown
 */
public record ContentionRecord(String lock, String kind, List<String> site, long durationMs, long count, int threadCount,
                               List<Long> threadIds) implements Serializable {
    public ContentionRecord {
        site = List.copyOf(site);
        threadIds = List.copyOf(threadIds);
    }

    /** A record whose source does not say which threads waited. */
    public ContentionRecord(String lock, String kind, List<String> site, long durationMs, long count, int threadCount) {
        this(lock, kind, site, durationMs, count, threadCount, List.of());
    }
}
