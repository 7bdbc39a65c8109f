package dev.threadhound.agent;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.ThreadRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** After install, proves the advice really fires: a thread start and a pool creation must reach the probe. */
final class SelfCheck {

    private SelfCheck() {
    }

    /** What did not work; empty when all advice fired. */
    static List<String> run(ThreadRegistry threads, ExecutorRegistry executors) {
        List<String> failures = new ArrayList<>();
        try {
            Thread probeThread = new Thread(() -> { }, "threadhound-selfcheck");
            probeThread.start();
            probeThread.join(1_000);
            if (threads.get(probeThread) == null) {
                failures.add("thread start");
            }
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
            boolean seen = executors.get(pool) != null;
            pool.shutdown();
            executors.forget(pool);
            if (!seen) {
                failures.add("executor creation");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return failures;
    }
}
