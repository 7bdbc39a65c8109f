package dev.threadhound.samples.realsuite;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Threads a test starts and never joins, which end by themselves, sooner or later. */
class StragglerCases {

    private static final AtomicInteger SENT = new AtomicInteger();

    /** The report goes out 5 s later, long after the test: a straggler. */
    @Test
    void sendsAReportInTheBackground() {
        new Thread(() -> sendAfter(5_000), "report-sender").start();
    }

    /** Done 100 ms later, well within the check's linger. */
    @Test
    void sendsAQuickReportInTheBackground() {
        new Thread(() -> sendAfter(100), "quick-sender").start();
    }

    @Test
    void joinsItsSender() throws InterruptedException {
        Thread sender = new Thread(() -> sendAfter(10), "joined-sender");
        sender.start();
        sender.join();
        assertEquals(true, SENT.get() > 0);
    }

    private static void sendAfter(long millis) {
        try {
            Thread.sleep(millis);
            SENT.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
