package dev.threadhound.samples.waits;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * An audit writer that takes events from a queue held in a static field; events are rare (one every 8 s), so the
 * writer waits most of the time, and is healthy: whoever emits the next event reaches the queue.
 */
final class RareEvents {

    static final LinkedBlockingQueue<String> AUDIT = new LinkedBlockingQueue<>();
    static final long EVERY_MILLIS = 8_000;

    private RareEvents() {
    }

    static void startWriter() {
        Thread writer = new Thread(() -> {
            try {
                while (true) {
                    String event = AUDIT.take();
                    System.out.println("waits: audit " + event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    static void emit(int n) {
        AUDIT.add("event-" + n);
    }
}
