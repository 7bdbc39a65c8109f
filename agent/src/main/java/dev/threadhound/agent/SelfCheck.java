package dev.threadhound.agent;

import dev.threadhound.agent.track.RecordingProbe;
import dev.threadhound.agent.track.ThreadRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * After install, proves the hooks really fire: a thread start and a pool creation must reach the probe. Both happen
 * as the agent's own (a thread of its name creates the pool), so that the check walks no stack.
 */
final class SelfCheck {

    /** How long the probe thread is given: milliseconds when all is well, and it says nothing if it did not end. */
    static final long WAIT_MILLIS = 10_000;

    private SelfCheck() {
    }

    /** What did not work; empty when all hooks fired. */
    static List<String> run(ThreadRegistry threads, RecordingProbe probe) {
        List<String> failures = new ArrayList<>();
        try {
            boolean[] seenStarting = new boolean[1];
            Thread probeThread = new Thread(() -> {
                seenStarting[0] = threads.get(Thread.currentThread()) != null;
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()).shutdown();
            }, "threadhound-selfcheck");
            probeThread.start();
            probeThread.join(WAIT_MILLIS);
            if (probeThread.isAlive()) {
                // a JVM starved of CPU (some seventy starting at once on two cores) had not run the probe within a
                // second, and was told its executor hook did not take: what was not seen to run proves nothing
                return failures;
            }
            if (!seenStarting[0]) {
                failures.add("thread start");
            } else if (threads.get(probeThread) != null) {
                failures.add("thread end");
            }
            if (!probe.executorHookFired()) {
                failures.add("executor creation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }
}
