package dev.threadhound.samples.audit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An audit log written by one daemon thread that takes events from a queue held in a static field: events are
 * rare (one every few seconds or minutes), so the writer spends nearly all its life waiting in {@code take()}.
 */
final class AuditLog {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private static long written;

    private AuditLog() {
    }

    static void startWriter() {
        Thread writer = new Thread(AuditLog::writeForever, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    private static void writeForever() {
        try {
            while (true) {
                String event = EVENTS.take();
                written++;
                System.out.println("audit-writer: wrote event " + written + " (" + event + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
