package dev.threadhound.agent.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Task timings taken before the metrics registry exists (it starts in the background, off the application's start):
 * kept, up to a bound, and handed over when it is ready, so that an executor whose few tasks all ran in the first
 * moments is still measured.
 */
public final class EarlyTimings implements TaskTimings {

    static final int KEPT = 256;

    private final List<Object[]> kept = new ArrayList<>();
    private TaskTimings target;

    @Override
    public void record(ExecutorOrigin executor, long waitNanos, long runNanos) {
        TaskTimings now;
        synchronized (this) {
            now = target;
            if (now == null) {
                if (kept.size() < KEPT) {
                    kept.add(new Object[] {executor, waitNanos, runNanos});
                }
                return;
            }
        }
        now.record(executor, waitNanos, runNanos);
    }

    /** Replays what was kept into {@code ready}, which takes every timing from now on. */
    public synchronized void handOver(TaskTimings ready) {
        for (Object[] t : kept) {
            ready.record((ExecutorOrigin) t[0], (Long) t[1], (Long) t[2]);
        }
        kept.clear();
        target = ready;
    }
}
