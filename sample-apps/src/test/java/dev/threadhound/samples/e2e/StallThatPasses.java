package dev.threadhound.samples.e2e;

import java.util.concurrent.CountDownLatch;

/**
 * A payment call that hangs for 25 seconds before its answer comes, then ends, and an audit flusher that waits for
 * good: the report at exit holds the flusher's finding, and the caller's as one that cleared during the run. That
 * long, because the run starts with the fifteen other JVMs of its test class on two cores, and the agent's first
 * cycles run cold: on JDK 25 the first took 0.27 s of CPU and, beside 24 busy processes, 5 s of wall. In CI it once
 * found the threads stuck only at ten seconds (the flusher "waiting for 10s" with {@code stuckAfter=2s}), when the
 * caller had just been answered. The class's longest run lasts 72 s, so the wait costs it nothing.
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
        Thread.sleep(25_000);
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
