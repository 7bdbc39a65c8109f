package dev.threadhound.samples.realsuite;

import io.netty.util.HashedWheelTimer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Netty's {@link HashedWheelTimer}: its worker thread starts with the first timeout and ticks until {@code stop()}. */
final class Wheel {

    private Wheel() {
    }

    /** A timer that has fired one timeout; its worker sleeps between ticks until stopped. */
    static HashedWheelTimer started() throws InterruptedException {
        HashedWheelTimer timer = new HashedWheelTimer();
        CountDownLatch fired = new CountDownLatch(1);
        timer.newTimeout(timeout -> fired.countDown(), 10, TimeUnit.MILLISECONDS);
        if (!fired.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the timeout did not fire");
        }
        return timer;
    }
}
