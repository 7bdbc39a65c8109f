package dev.threadhound.source.jfr;

import java.util.HashSet;
import java.util.Set;

/** Count, total time and (up to a cap) the distinct threads of the waits under one key in one bucket. */
final class Tally {

    long count;
    long nanos;
    final Set<Long> threads = new HashSet<>();

    void add(long threadId, long durationNanos, int maxThreads) {
        count++;
        nanos += durationNanos;
        if (threadId >= 0 && threads.size() < maxThreads) {
            threads.add(threadId);
        }
    }

    void addAll(Tally other, int maxThreads) {
        count += other.count;
        nanos += other.nanos;
        for (Long id : other.threads) {
            if (threads.size() >= maxThreads) {
                break;
            }
            threads.add(id);
        }
    }
}
