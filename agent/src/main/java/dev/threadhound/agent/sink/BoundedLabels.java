package dev.threadhound.agent.sink;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps a label's distinct values bounded: the first {@code limit} values seen keep their own name for the life
 * of the JVM, every later one is reported as {@value #OTHER}. A value once admitted is never given back, so a
 * series never changes meaning and the number of series a JVM exports never exceeds {@code limit + 1}.
 * Only admitted values are stored, so memory is bounded too. Lookups are lock-free.
 */
final class BoundedLabels {

    static final String OTHER = "other";

    private final int limit;
    private final ConcurrentHashMap<String, String> admitted = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    BoundedLabels(int limit) {
        this.limit = limit;
    }

    /** The label to report {@code value} under. */
    String of(String value) {
        if (value == null || value.isEmpty()) {
            return OTHER;
        }
        String known = admitted.get(value);
        if (known != null) {
            return known;
        }
        return admit(value);
    }

    private String admit(String value) {
        while (true) {
            int current = size.get();
            if (current >= limit) {
                return OTHER;
            }
            if (size.compareAndSet(current, current + 1)) {
                String raced = admitted.putIfAbsent(value, value);
                if (raced != null) {
                    size.decrementAndGet();
                }
                return value;
            }
        }
    }

    int admittedCount() {
        return size.get();
    }
}
