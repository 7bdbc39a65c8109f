package dev.threadhound.agent.jfr;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.source.jfr.ContentionListener;
import dev.threadhound.source.jfr.ContentionWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class JfrStreamerTest {

    /** Contended on purpose by the test's threads. */
    static final class Ledger {
        synchronized void post() {
            long until = System.nanoTime() + 15_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void theLiveStreamFeedsTheWindowAndTheListenerFromItsOwnDaemonThread() throws Exception {
        ContentionWindow window = ContentionWindow.lastMinute();
        AtomicLong waits = new AtomicLong();
        List<String> said = new ArrayList<>();
        ContentionListener listener = new ContentionListener() {
            @Override
            public void waited(String lock, String kind, long nanos) {
                if (lock.equals(Ledger.class.getName())) {
                    waits.incrementAndGet();
                }
            }

            @Override
            public void pinned(long nanos) {
            }
        };
        List<Thread> drains = new ArrayList<>();
        try (AutoCloseable stream = JfrStreamer.start(Duration.ofMillis(5), window, listener, said::add, drains::add)) {
            assertThat(stream).isNotSameAs(JfrStreamer.NONE);
            assertThat(drains).as("the thread whose CPU counts against cpuBudget").singleElement().satisfies(t -> {
                assertThat(t.getName()).isEqualTo("threadhound-jfr");
                assertThat(t.isDaemon()).isTrue();
                assertThat(t.isAlive()).isTrue();
            });
            Ledger ledger = new Ledger();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            List<ContentionRecord> found = List.of();
            while (found.isEmpty() && System.nanoTime() < deadline) {
                contend(ledger);
                found = window.contention(System.currentTimeMillis()).stream()
                        .filter(c -> c.lock().equals(Ledger.class.getName()))
                        .toList();
            }
            assertThat(found).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo("monitor");
                assertThat(c.site().get(0)).startsWith(Ledger.class.getName() + ".post(JfrStreamerTest.java:");
            });
            assertThat(waits.get()).isPositive();
        }
        assertThat(said).isEmpty();
    }

    private static void contend(Ledger ledger) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(new Thread(() -> {
                for (int j = 0; j < 10; j++) {
                    ledger.post();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }
}
