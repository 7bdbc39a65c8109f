package dev.threadhound.samples.libraries;

import io.netty.util.HashedWheelTimer;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A shutdown that never ends: a Netty {@link HashedWheelTimer}'s task waits for a confirmation that never comes and
 * retries its wait when interrupted, and {@code stop()} interrupts the timer's thread every 100 ms until it ends, so
 * neither returns. Both threads wake ten times a second and look busy. {@code --fixed}: the task gives up when
 * interrupted, and {@code stop()} returns.
 */
public final class NettyTimerStop {

    private NettyTimerStop() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        HashedWheelTimer timer = new HashedWheelTimer();
        CountDownLatch confirmed = new CountDownLatch(1);
        CountDownLatch begun = new CountDownLatch(1);
        timer.newTimeout(timeout -> {
            begun.countDown();
            awaitConfirmation(confirmed, fixed);
        }, 10, TimeUnit.MILLISECONDS);
        // stopped before its first tick, the timer would never run the task: on a crowded machine 500 ms were not enough
        begun.await();
        Thread.sleep(500);
        System.out.println("netty-timer-stop: stopping the timer");
        timer.stop();
        System.out.println("netty-timer-stop: stopped");
    }

    private static void awaitConfirmation(CountDownLatch confirmed, boolean fixed) {
        while (true) {
            try {
                confirmed.await();
                return;
            } catch (InterruptedException e) {
                if (fixed) {
                    Thread.currentThread().interrupt();
                    return;
                }
                // retried: the confirmation is still wanted
            }
        }
    }
}
