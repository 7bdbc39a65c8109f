package dev.threadhound.detect;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.model.TimedWaitRun;

import java.util.List;

/**
 * A thread stuck in a polling loop: {@code while (!ready) lock.wait(1000)} in a method nobody returns from. It stays
 * in the same call (the same frames from its first application frame down at every look) through repeated timed
 * waits on one object, with almost no CPU, for {@value #FACTOR} times {@code stuckAfter}. A timed wait in the
 * thread's own loop (its outermost application method, or one run by lambdas only) is a poller or a
 * scheduler between rounds: idle, not stuck. A loop wakes at least once per {@code stuckAfter}, or at its own
 * slower pace ({@link #wakesWithin}): a thread that has sat in one timed wait for longer (a watchdog that woke a few
 * times while there was work, then waits a minute for more) is in one long wait, not a loop. A loop of {@code Thread.sleep} is judged alike (a sleep waits on nothing,
 * but the waited count counts it) where a library sleeps for its caller (a process's end awaited by Commons Exec's
 * {@code waitFor}, an endless retry that backs off), and where a thread sleeps in the code of whoever started it (an
 * application's own {@code while (!done) Thread.sleep(100)}). A library's thread that an application's call started
 * and that sleeps in its own library's code is not judged: a timer's tick in a helper of its loop (Netty's
 * {@code HashedWheelTimer}) looks exactly like a wait for a flag nobody sets. A library's loop that waits for work by
 * design ({@link IdleStacks}) is judged by the place the run was seen at, also in a cycle that took no stack of the
 * thread (HSQLDB's timer was reported from such a cycle).
 */
final class PollingWait {

    static final int FACTOR = 2;
    /** Waits that must have ended in the run (when the source counts them): one long wait is not a loop. */
    static final int MIN_WAITS = 2;
    /** A loop that wakes less often than {@code stuckAfter} still is one until this many of its periods pass. */
    static final int PERIODS = 3;

    private PollingWait() {
    }

    static boolean stuck(Snapshot snapshot, ThreadRecord thread, DetectOptions options) {
        TimedWaitRun run = thread.history().timed();
        if (run == null || !"TIMED_WAITING".equals(thread.state())) {
            return false;
        }
        long waits = run.waitsSince(thread);
        boolean looping = waits < 0
                || (waits >= MIN_WAITS && Stall.since(snapshot, run.wokeAt()) < wakesWithin(run, waits, options));
        return Stall.since(snapshot, run.since()) >= FACTOR * options.stuckAfterMillis()
                && looping
                && !ownLoop(run.place())
                && !IdleStacks.idle(run.place(), null)
                && (!run.sleeps() || judgedAsleep(snapshot, thread, run.place()));
    }

    /**
     * How soon after its last wake a loop must wake again to still be one: within {@code stuckAfter}, or within
     * {@value #PERIODS} of its own periods when it wakes less often. Callers each retrying a call that times out
     * after {@code stuckAfter} or more (a pool's {@code getConnection} against a database that is down: HikariCP
     * waits up to its {@code connectionTimeout}, 30 s as is {@code stuckAfter}) are in a loop all along, and a
     * finding that cleared between two wakes and came back at the next was one finding logged again and again.
     */
    private static long wakesWithin(TimedWaitRun run, long waits, DetectOptions options) {
        long period = (run.wokeAt() - run.since()) / waits;
        return Math.max(options.stuckAfterMillis(), PERIODS * period);
    }

    /**
     * Whether a loop of sleeps is judged: where a library sleeps for a caller outside it, or where the thread runs the
     * code of whoever started it (an application's own thread in its own loop). A library's thread in its own
     * library's code, started by an application's call, is a timer or a monitor between rounds.
     */
    private static boolean judgedAsleep(Snapshot snapshot, ThreadRecord thread, List<String> place) {
        if (CreationSites.calledFromAnotherLibrary(place)) {
            return true;
        }
        List<String> starter = thread.createdBy() < 0 ? List.of()
                : snapshot.thread(thread.createdBy()).map(ThreadRecord::createdAt).orElse(List.of());
        return CreationSites.startedByItsOwnCode(place, thread.createdAt(), starter);
    }

    /** How long the thread has been polling in this call, or -1 when it is not. */
    static long duration(Snapshot snapshot, ThreadRecord thread) {
        TimedWaitRun run = thread.history().timed();
        return run == null ? -1 : Stall.since(snapshot, run.since());
    }

    /**
     * The wait is in the thread's own loop: its only application method, or one called by nothing but lambda bodies,
     * the thread's own and its launchers' (Guava's {@code AbstractExecutionThreadService} runs {@code run()} in two:
     * its start's and its thread renamer's).
     */
    static boolean ownLoop(List<String> place) {
        List<String> application = place.stream()
                .filter(f -> !Frames.platform(f) && !Frames.synthetic(f))
                .toList();
        return application.stream().skip(1).allMatch(f -> Frames.methodName(f).startsWith("lambda$"));
    }
}
