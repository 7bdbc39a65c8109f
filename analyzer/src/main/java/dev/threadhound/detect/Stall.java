package dev.threadhound.detect;

import dev.threadhound.model.HotRun;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.List;

/** How long a thread has gone without progress, by the snapshot's own clock, and how long it may. */
final class Stall {

    /** A consumer may wait this many times its longest wait at the same place... */
    static final int LEARNED_FACTOR = 10;
    /** ...at least this many times {@code stuckAfter} (its first event may have come at once)... */
    static final int LEARNED_MIN = 2;
    /** ...and never more than this many times {@code stuckAfter}. */
    static final int LEARNED_CAP = 10;

    /**
     * What {@code runBlocking}'s thread parks on; joined at run time, as {@link IdleStacks}' Okio: the agent jar
     * relocates its own Kotlin, and with it every constant string that starts with {@code kotlin}.
     */
    private static final String RUN_BLOCKING = String.join("", "kot", "linx.coroutines.BlockingCoroutine@");

    private Stall() {
    }

    /** Milliseconds without progress, or -1 when the source did not say since when (no evidence, no finding). */
    static long of(Snapshot snapshot, ThreadRecord thread) {
        return since(snapshot, thread.stalledSince());
    }

    static long since(Snapshot snapshot, long sinceMillis) {
        return sinceMillis > 0 ? Math.max(0, snapshot.takenAt() - sinceMillis) : -1;
    }

    /**
     * Whether a stall of the thread can be judged now: always with its stack, and without it for any but a virtual
     * thread parked on nothing (a socket read, the JDK's pollers, a bare {@code LockSupport.park()}), for which the
     * JDK keeps no wait count and whose park names nothing, so that every look finds it the same however often it
     * moved in between. Only its stack says where it waits (a read for the peer's next request is idle), and until one
     * is taken it is not judged: on a crowded machine, twenty keep-alive connections and their clients, each waiting
     * in a socket read at most looks, went a few cycles without a stack and were reported {@code LEAKED_THREAD ...
     * waiting for 2s}.
     */
    static boolean judgeable(ThreadRecord thread) {
        return !thread.stack().isEmpty() || !thread.virtual() || !"WAITING".equals(thread.state())
                || thread.blockedOn() != null;
    }

    /** A waiting or blocked thread that has not progressed for at least {@link #allowed}. */
    static boolean stuck(Snapshot snapshot, ThreadRecord thread, DetectOptions options) {
        return waitsWithoutEnd(thread) && of(snapshot, thread) >= allowed(thread, options);
    }

    /**
     * Waiting in a way that ends only when something else happens: waiting or blocked, parked without a deadline,
     * or in a socket read without a timeout for a response that has not begun ({@link IdleStacks#awaitingAnswerForever}).
     */
    static boolean waitsWithoutEnd(ThreadRecord thread) {
        return thread.waiting() || withoutDeadline(thread) || awaitingAnswerForever(thread);
    }

    /** {@link IdleStacks#awaitingAnswerForever}, as its stack or the newest look at it says. */
    static boolean awaitingAnswerForever(ThreadRecord thread) {
        return "RUNNABLE".equals(thread.state()) && !thread.virtual()
                && IdleStacks.awaitingAnswerForever(lastKnownStack(thread));
    }

    /**
     * The thread's stack; for a running thread whose stack this snapshot did not take (the agent looks once at a
     * thread that runs without using CPU), the newest look at it, if taken since it last used CPU: it has not moved
     * since. Empty when nothing says where it is.
     */
    static List<String> lastKnownStack(ThreadRecord thread) {
        if (!thread.stack().isEmpty()) {
            return thread.stack();
        }
        HotRun run = thread.history().hot();
        return run != null && thread.stalledSince() > 0 && run.lastAt() >= thread.stalledSince() ? run.last() : List.of();
    }

    /**
     * A timed park that has no deadline of its own: kotlinx.coroutines' {@code runBlocking} parks its thread for
     * {@code Long.MAX_VALUE} nanoseconds while its coroutine waits for something else, so the thread shows as
     * {@code TIMED_WAITING} however long that takes (it wakes for the coroutine's own delays, which is progress).
     */
    static boolean withoutDeadline(ThreadRecord thread) {
        return "TIMED_WAITING".equals(thread.state()) && thread.blockedOn() != null
                && thread.blockedOn().startsWith(RUN_BLOCKING);
    }

    /**
     * {@code stuckAfter}; for a thread that came back from a wait at the same place before (a consumer of rare
     * events), {@value #LEARNED_FACTOR} times its longest such wait, at least {@value #LEARNED_MIN} and at most
     * {@value #LEARNED_CAP} times {@code stuckAfter}.
     */
    static long allowed(ThreadRecord thread, DetectOptions options) {
        long stuckAfter = options.stuckAfterMillis();
        long longest = learnedLongest(thread);
        return longest < 0 ? stuckAfter
                : Math.max(LEARNED_MIN * stuckAfter, Math.min(LEARNED_FACTOR * longest, LEARNED_CAP * stuckAfter));
    }

    /** The longest earlier wait at the place the thread waits now, or -1: only untimed waits are learned. */
    static long learnedLongest(ThreadRecord thread) {
        return "WAITING".equals(thread.state()) ? thread.history().learned().longestAt(thread) : -1;
    }
}
