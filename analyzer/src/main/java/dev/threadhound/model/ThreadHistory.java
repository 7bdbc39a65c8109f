package dev.threadhound.model;

import java.io.Serializable;

/**
 * What {@link Progress} has learned about one thread over the snapshots before this one, for the rules that a
 * single look cannot decide: a consumer's earlier waits, a timed wait that keeps coming back to the same call, a
 * thread that keeps burning CPU in the same few frames. Each part is null while it does not apply.
 *
 * @param learned earlier waits the thread came back from, by place
 * @param timed   the current run of timed waits at one call with almost no CPU, or null
 * @param hot     the current run of full-CPU samples, or null
 * @param oneShot the wait on a latch, task or thread it was last seen in, while it has only run since, or null
 */
public record ThreadHistory(LearnedWaits learned, TimedWaitRun timed, HotRun hot, OneShotWait oneShot)
        implements Serializable {

    public static final ThreadHistory NONE = new ThreadHistory(LearnedWaits.NONE, null, null);

    public ThreadHistory {
        learned = learned == null ? LearnedWaits.NONE : learned;
    }

    public ThreadHistory(LearnedWaits learned, TimedWaitRun timed, HotRun hot) {
        this(learned, timed, hot, null);
    }
}
