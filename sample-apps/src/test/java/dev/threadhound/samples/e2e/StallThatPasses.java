package dev.threadhound.samples.e2e;

import java.util.concurrent.CountDownLatch;

/**
 * A payment call that hangs for ten seconds before its answer comes, then ends, and an audit flusher that waits for
 * good: the report at exit holds the flusher's finding, and the caller's as one that cleared during the run. Ten, so
 * that a crowded machine, whose agent's first cycle may come seconds after the start (a thread's stall is counted from
 * when a cycle first sees it), still has cycles that find the caller stuck for {@code stuckAfter} before it is answered.
 */
public final class StallThatPasses {

    private StallThatPasses() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch answer = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            await(answer);
            System.out.println("stall-that-passes: payment answered");
        }, "payment-caller");
        Thread flusher = new Thread(() -> await(never), "audit-flusher");
        flusher.setDaemon(true);
        caller.start();
        flusher.start();
        Thread.sleep(10_000);
        answer.countDown();
        caller.join();
        Thread.sleep(4_000);
        System.out.println("stall-that-passes: done");
        System.exit(0);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
