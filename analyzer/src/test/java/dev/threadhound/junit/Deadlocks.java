package dev.threadhound.junit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** Two threads that take two locks in opposite order; they wait interruptibly so {@link Leftovers} can end them. */
final class Deadlocks {

    private Deadlocks() {
    }

    static void startPair(String prefix) throws InterruptedException {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Leftovers.start(prefix + "-a", () -> lockBoth(left, right, bothHoldOne));
        Leftovers.start(prefix + "-b", () -> lockBoth(right, left, bothHoldOne));
        bothHoldOne.await();
    }

    private static void lockBoth(ReentrantLock first, ReentrantLock second, CountDownLatch bothHoldOne) {
        try {
            first.lockInterruptibly();
            bothHoldOne.countDown();
            bothHoldOne.await();
            second.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
