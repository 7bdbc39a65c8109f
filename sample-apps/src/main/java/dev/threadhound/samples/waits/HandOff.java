package dev.threadhound.samples.waits;

import java.util.concurrent.SynchronousQueue;

/**
 * A consumer waits on a {@link SynchronousQueue} of its own for the one item its producer was to hand over; the
 * producer failed before handing it over, and nothing else knows the queue: a leak that can never be woken.
 */
final class HandOff {

    private HandOff() {
    }

    static void lose() {
        SynchronousQueue<String> handOff = new SynchronousQueue<>();
        Thread consumer = new Thread(() -> {
            try {
                System.out.println("waits: handed " + handOff.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "handoff-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Thread producer = new Thread(() -> {
            String item = produce();
            try {
                handOff.put(item);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "handoff-producer");
        producer.setUncaughtExceptionHandler((t, e) -> System.out.println("waits: " + t.getName() + " failed: " + e.getMessage()));
        producer.start();
    }

    private static String produce() {
        throw new IllegalStateException("the item could not be built");
    }
}
