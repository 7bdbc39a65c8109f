package dev.threadhound.samples.realsuite;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Virtual threads (JDK 21+) running the same class of work, started from two tests: the first starts a dozen and
 * joins them, the second leaves one waiting for good. The agent learns where a class of work starts from its first
 * starts and then stops capturing them; a leak check learns anew, so the leak is named at the second test's call,
 * not the first's.
 */
class VirtualStartCases {

    @Test
    void joinsItsWorkers() throws Exception {
        CountDownLatch go = new CountDownLatch(0);
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            workers.add(start(new Worker(go)));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    @Test
    void leavesAWorkerWaiting() throws Exception {
        start(new Worker(new CountDownLatch(1)));
    }

    private static Thread start(Runnable work) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class).invoke(builder, work);
    }

    private static final class Worker implements Runnable {
        private final CountDownLatch go;

        Worker(CountDownLatch go) {
            this.go = go;
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
