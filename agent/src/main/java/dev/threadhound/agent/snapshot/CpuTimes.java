package dev.threadhound.agent.snapshot;

import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/** CPU time of many threads in one call where HotSpot offers it; -1 (unknown) elsewhere. */
final class CpuTimes {

    private CpuTimes() {
    }

    static long[] of(ThreadMXBean mx, long[] ids) {
        try {
            if (mx instanceof com.sun.management.ThreadMXBean hotspot && mx.isThreadCpuTimeEnabled()) {
                return hotspot.getThreadCpuTime(ids);
            }
        } catch (RuntimeException | LinkageError ignored) {
            // not offered here: progress is judged by state and wait counts alone
        }
        long[] unknown = new long[ids.length];
        Arrays.fill(unknown, -1);
        return unknown;
    }
}
