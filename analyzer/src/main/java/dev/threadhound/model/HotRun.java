package dev.threadhound.model;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run of snapshots at which a thread was {@code RUNNABLE} and burning CPU, with what its stacks had in common.
 * An endless loop keeps every look within the same few frames (method and line) above a bottom it never leaves; a
 * computation that gets somewhere moves through its code, so the common bottom shrinks and the frames above it pile
 * up.
 *
 * @param since      epoch millis of the snapshot before the first hot one (the run was already going then)
 * @param cpuAtStart CPU time at {@code since}
 * @param looks      stacks seen during the run
 * @param anchor     the frames every look had in common at the bottom (the loop it does not leave)
 * @param moving     the frames seen above the anchor, up to {@value #MOVING_KEPT}
 * @param last       the newest look, empty before the first
 * @param lastAt     epoch millis of the snapshot of the newest look
 * @param cpuAtLast  CPU time at {@code lastAt}
 */
public record HotRun(long since, long cpuAtStart, int looks, List<String> anchor, Set<String> moving,
                     List<String> last, long lastAt, long cpuAtLast) implements Serializable {

    /**
     * A run is hot when the thread got at least this share of a core over it: low, since a spinning thread gets
     * only its turn on a machine with more runnable threads than cores, yet more than the odd microseconds a
     * thread in a native read gains.
     */
    public static final double HOT_SHARE = 0.02;
    /** Past this many frames the thread is clearly moving; more are not kept. */
    static final int MOVING_KEPT = 16;

    public HotRun {
        anchor = List.copyOf(anchor);
        moving = Set.copyOf(moving);
        last = List.copyOf(last);
    }

    /** Share of a core used over the run, as of {@code now}. */
    public double cpuShare(ThreadRecord now, long takenAt) {
        return share(since, cpuAtStart, now, takenAt);
    }

    /** Share of a core used since the newest look ({@link #last}), as of {@code now}: 0 when no time has passed. */
    public double cpuShareSinceLastLook(ThreadRecord now, long takenAt) {
        return share(lastAt, cpuAtLast, now, takenAt);
    }

    private static double share(long from, long cpuAtFrom, ThreadRecord now, long takenAt) {
        long wall = takenAt - from;
        return wall <= 0 ? 0 : (now.cpuTimeNanos() - cpuAtFrom) / (wall * 1_000_000.0);
    }

    static HotRun carry(HotRun run, ThreadRecord before, long beforeAt, ThreadRecord now, long takenAt) {
        if (!hot(before, beforeAt, now, takenAt)) {
            return null;
        }
        HotRun current = run != null ? run
                : new HotRun(beforeAt, before.cpuTimeNanos(), 0, List.of(), Set.of(), List.of(), 0, 0);
        return now.stack().isEmpty() ? current : current.look(now.stack(), takenAt, now.cpuTimeNanos());
    }

    /**
     * Running at both snapshots: the run goes on. A cycle in which a busy machine gave it no CPU does not end it;
     * whether it burned enough is judged on the whole run ({@link #cpuShare}).
     */
    private static boolean hot(ThreadRecord before, long beforeAt, ThreadRecord now, long takenAt) {
        return before != null && "RUNNABLE".equals(now.state()) && "RUNNABLE".equals(before.state())
                && before.cpuTimeNanos() >= 0 && now.cpuTimeNanos() >= before.cpuTimeNanos() && takenAt >= beforeAt;
    }

    private HotRun look(List<String> stack, long takenAt, long cpu) {
        if (looks == 0) {
            return new HotRun(since, cpuAtStart, 1, stack, Set.of(), stack, takenAt, cpu);
        }
        int common = 0;
        while (common < anchor.size() && common < stack.size()
                && anchor.get(anchor.size() - 1 - common).equals(stack.get(stack.size() - 1 - common))) {
            common++;
        }
        Set<String> frames = new HashSet<>(moving);
        addFrames(frames, anchor.subList(0, anchor.size() - common));
        addFrames(frames, stack.subList(0, stack.size() - common));
        return new HotRun(since, cpuAtStart, looks + 1, anchor.subList(anchor.size() - common, anchor.size()), frames,
                stack, takenAt, cpu);
    }

    private static void addFrames(Set<String> into, List<String> frames) {
        for (String frame : frames) {
            if (into.size() >= MOVING_KEPT) {
                return;
            }
            into.add(frame);
        }
    }
}
