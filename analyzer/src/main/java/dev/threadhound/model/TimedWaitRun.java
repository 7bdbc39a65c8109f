package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * A run of timed waits in one call: since the first look at its stack, the thread was {@code TIMED_WAITING} on the
 * same object at every snapshot, every look found the same frames from its first application frame down, and it
 * used almost no CPU. A loop around {@code wait(1000)} for a flag nobody sets looks like this for ever; a poller
 * that handles items uses CPU, and a thread that leaves the call starts a new run.
 *
 * @param since         epoch millis of the first look in this call
 * @param place         the frames from the first application frame down
 * @param blockedOn     what it waits on ({@code Class@hex})
 * @param cpuAtStart    CPU time at {@code since}, -1 when unknown
 * @param waitedAtStart waited count at {@code since}, -1 when unknown
 * @param waitedLast    waited count at the latest look, -1 when unknown
 * @param wokeAt        epoch millis of the latest look that found the thread had woken since the one before (its
 *                      waited count rose), {@code since} until one does
 */
public record TimedWaitRun(long since, List<String> place, String blockedOn, long cpuAtStart, long waitedAtStart,
                           long waitedLast, long wokeAt) implements Serializable {

    /** CPU a run may use and still be idle: 1 % of its length, or 5 ms, whichever is more. */
    static final double IDLE_CPU_SHARE = 0.01;
    static final long IDLE_CPU_FLOOR_NANOS = 5_000_000;

    public TimedWaitRun {
        place = List.copyOf(place);
    }

    public TimedWaitRun(long since, List<String> place, String blockedOn, long cpuAtStart, long waitedAtStart) {
        this(since, place, blockedOn, cpuAtStart, waitedAtStart, waitedAtStart, since);
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
        boolean timed = "TIMED_WAITING".equals(now.state()) && now.blockedOn() != null;
        if (run == null && !timed) {
            // nothing to go on nor to start: the stack (maybe one of a hundred thousand) is not read
            return null;
        }
        List<String> place = Places.fromApplication(now.stack());
        if (run != null && !busy(run, now, takenAt) && (place.isEmpty() || Places.sameCall(place, run.place))) {
            if (timed ? run.blockedOn.equals(now.blockedOn()) : wokenInTheLoop(run, now)) {
                return run.lookedAt(now, takenAt);
            }
        }
        // a run starts at a look at the stack: without one nobody knows which call the thread is in
        return timed && !place.isEmpty()
                ? new TimedWaitRun(takenAt, place, now.blockedOn(), now.cpuTimeNanos(), now.waitedCount())
                : null;
    }

    /** The same run, knowing whether the thread woke since the look before. */
    private TimedWaitRun lookedAt(ThreadRecord now, long takenAt) {
        if (now.waitedCount() < 0 || now.waitedCount() == waitedLast) {
            return this;
        }
        return new TimedWaitRun(since, place, blockedOn, cpuAtStart, waitedAtStart, now.waitedCount(), takenAt);
    }

    private static boolean wokenInTheLoop(TimedWaitRun run, ThreadRecord now) {
        return "RUNNABLE".equals(now.state())
                || ("BLOCKED".equals(now.state()) && run.blockedOn.equals(now.blockedOn()));
    }

    private static boolean busy(TimedWaitRun run, ThreadRecord now, long takenAt) {
        if (run.cpuAtStart < 0 || now.cpuTimeNanos() < 0) {
            return false;
        }
        long allowed = Math.max(IDLE_CPU_FLOOR_NANOS, (long) ((takenAt - run.since) * 1_000_000L * IDLE_CPU_SHARE));
        return now.cpuTimeNanos() - run.cpuAtStart > allowed;
    }
}
