package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * A run of timed waits in one call: since the first look at its stack, the thread was {@code TIMED_WAITING} on the
 * same object (or asleep: {@code Thread.sleep} waits on nothing) at every snapshot, every look found the same frames
 * from its first application frame down, and it used almost no CPU. A loop around {@code wait(1000)} for a flag
 * nobody sets looks like this for ever, and so does {@code while (!done) Thread.sleep(100)}; a poller that handles
 * items uses CPU, a thread that leaves the call starts a new run, and so does one whose timed wait on a lock's
 * condition was signalled (a queue's {@code poll(timeout)} handed it an item: somebody makes its condition true, a
 * consumer polling through a helper of its loop at 200 items a second used no CPU to speak of).
 *
 * @param since         epoch millis of the first look in this call
 * @param place         the frames from the first application frame down
 * @param blockedOn     what it waits on ({@code Class@hex}), {@code Thread.sleep} for sleeps
 * @param cpuAtStart    CPU time at {@code since}, -1 when unknown
 * @param waitedAtStart waited count at {@code since}, -1 when unknown
 * @param waitedLast    waited count at the latest look, -1 when unknown
 * @param wokeAt        epoch millis of the latest look that found the thread had woken since the one before (its
 *                      waited count rose), {@code since} until one does
 * @param stack         the whole stack at the latest look in the wait: what a snapshot that took none of it shows
 * @param signalledAtStart the thread's waits ended by a signal at {@code since} ({@link ThreadRecord#signalledWaits}),
 *                      -1 when unknown
 */
public record TimedWaitRun(long since, List<String> place, String blockedOn, long cpuAtStart, long waitedAtStart,
                           long waitedLast, long wokeAt, List<String> stack, long signalledAtStart)
        implements Serializable {

    /** CPU a run may use and still be idle: 1 % of its length, or 5 ms, whichever is more. */
    static final double IDLE_CPU_SHARE = 0.01;
    static final long IDLE_CPU_FLOOR_NANOS = 5_000_000;
    /** What a run of sleeps waits on: nothing, so the place alone tells one run from another. */
    static final String SLEEP = "Thread.sleep";

    public TimedWaitRun {
        place = List.copyOf(place);
        stack = List.copyOf(stack);
    }

    public TimedWaitRun(long since, List<String> stack, List<String> place, String blockedOn, long cpuAtStart,
                        long waitedAtStart, long signalledAtStart) {
        this(since, place, blockedOn, cpuAtStart, waitedAtStart, waitedAtStart, since, stack, signalledAtStart);
    }

    /** Timed waits that ended within the run (the thread woke and waited again), or -1 when unknown. */
    public long waitsSince(ThreadRecord now) {
        return waitedAtStart >= 0 && now.waitedCount() >= 0 ? now.waitedCount() - waitedAtStart : -1;
    }

    /**
     * The run goes on while nothing shows the thread left the call: a look at another place, another object waited
     * on, or CPU beyond the idle allowance end it. A snapshot that catches it just woken ({@code RUNNABLE}, or
     * {@code BLOCKED} re-entering its monitor) is part of the loop; one in any other state ends the run.
     */
    static TimedWaitRun carry(TimedWaitRun run, ThreadRecord now, long takenAt) {
        if (now.virtual()) {
            return null;
        }
        String on = waitedOn(run, now);
        boolean timed = on != null;
        if (run == null && !timed) {
            // nothing to go on nor to start: the stack (maybe one of a hundred thousand) is not read
            return null;
        }
        List<String> place = Places.fromApplication(now.stack());
        if (run != null && !busy(run, now, takenAt) && !signalled(run, now)
                && (place.isEmpty() || Places.sameCall(place, run.place))) {
            if (timed ? run.blockedOn.equals(on) : wokenInTheLoop(run, now)) {
                return run.lookedAt(now, timed, takenAt);
            }
        }
        // a run starts at a look at the stack: without one nobody knows which call the thread is in
        return timed && !place.isEmpty()
                ? new TimedWaitRun(takenAt, now.stack(), place, on, now.cpuTimeNanos(), now.waitedCount(),
                now.signalledWaits())
                : null;
    }

    /**
     * What a {@code TIMED_WAITING} thread waits on: its object, or {@link #SLEEP} for a sleep, which waits on
     * nothing (told by its top frame, or, in a cycle that took no stack of it, by the run it is in); null when it
     * is not in a timed wait.
     */
    private static String waitedOn(TimedWaitRun run, ThreadRecord now) {
        if (!"TIMED_WAITING".equals(now.state())) {
            return null;
        }
        if (now.blockedOn() != null) {
            return now.blockedOn();
        }
        boolean asleep = now.stack().isEmpty() ? run != null && run.sleeps() : Places.sleeping(now.stack());
        return asleep ? SLEEP : null;
    }

    /** Whether the run is one of sleeps ({@code while (!done) Thread.sleep(100)}) rather than of waits on an object. */
    public boolean sleeps() {
        return SLEEP.equals(blockedOn);
    }

    /**
     * The same run, knowing whether the thread woke since the look before, and with the stack of a new look at it in
     * the wait (a carried stack is the same list: no new run for it).
     */
    private TimedWaitRun lookedAt(ThreadRecord now, boolean inTheWait, long takenAt) {
        boolean woke = now.waitedCount() >= 0 && now.waitedCount() != waitedLast;
        boolean looked = inTheWait && !now.stack().isEmpty() && now.stack() != stack;
        if (!woke && !looked) {
            return this;
        }
        return new TimedWaitRun(since, place, blockedOn, cpuAtStart, waitedAtStart,
                woke ? now.waitedCount() : waitedLast, woke ? takenAt : wokeAt, looked ? now.stack() : stack,
                signalledAtStart);
    }

    private static boolean wokenInTheLoop(TimedWaitRun run, ThreadRecord now) {
        return "RUNNABLE".equals(now.state())
                || ("BLOCKED".equals(now.state()) && run.blockedOn.equals(now.blockedOn()));
    }

    /** Whether a wait of the thread was ended by a signal since the run began. */
    private static boolean signalled(TimedWaitRun run, ThreadRecord now) {
        return run.signalledAtStart >= 0 && now.signalledWaits() >= 0 && now.signalledWaits() != run.signalledAtStart;
    }

    private static boolean busy(TimedWaitRun run, ThreadRecord now, long takenAt) {
        if (run.cpuAtStart < 0 || now.cpuTimeNanos() < 0) {
            return false;
        }
        long allowed = Math.max(IDLE_CPU_FLOOR_NANOS, (long) ((takenAt - run.since) * 1_000_000L * IDLE_CPU_SHARE));
        return now.cpuTimeNanos() - run.cpuAtStart > allowed;
    }
}
