package dev.threadhound.samples.fanout;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;

/**
 * {@code --bug=timer-per-call}: each request arms a deadline on a {@link Timer} of its own, keeps the Timer with the
 * request's session and, once answered, cancels the deadline but not the Timer. Every request works; each leaves an
 * idle timer thread behind, and they pile up. The fix is one Timer (or scheduler) for all requests, or
 * {@code Timer.cancel()}. (A Timer nothing references any more is reaped by the JDK after a GC; one kept in a
 * session, a cache or a client object is not.)
 */
final class DeadlinePerCall {

    private static final long DEADLINE_MILLIS = 2_000;

    private final GatherAll gatherAll;
    private final List<Timer> sessions = new ArrayList<>();

    DeadlinePerCall(GatherAll gatherAll) {
        this.gatherAll = gatherAll;
    }

    List<String> query(int request) throws Exception {
        Timer timer = new Timer("fanout-deadline-" + request, true);
        sessions.add(timer);
        TimerTask deadline = new TimerTask() {
            @Override
            public void run() {
                System.err.println("fanout: request " + request + " missed its deadline");
            }
        };
        timer.schedule(deadline, DEADLINE_MILLIS);
        try {
            return gatherAll.query(request);
        } finally {
            deadline.cancel();
        }
    }
}
