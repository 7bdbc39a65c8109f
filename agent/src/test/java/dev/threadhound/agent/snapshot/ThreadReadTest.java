package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadReadTest {

    /**
     * The owner the JVM names is kept when it is another thread, and dropped when it is the thread itself: JDK 25
     * reads a carrier of virtual threads waiting on itself, owned by itself, while nothing is wrong (the read stops
     * no thread), which was reported as a read lock's upgrade, a CRITICAL deadlock. A lock that never lets its owner
     * through stands in for that read here, the one way to have the JVM name a thread its own owner on demand.
     */
    @Test
    void aThreadIsNeverReadAsTheOwnerOfWhatItWaitsFor() throws Exception {
        Mutex mutex = new Mutex();
        Thread twice = new Thread(() -> {
            mutex.lock();
            mutex.lock();
        }, "locks-twice");
        twice.setDaemon(true);
        twice.start();
        Object monitor = new Object();
        CountDownLatch held = new CountDownLatch(1);
        Thread blocked;
        synchronized (monitor) {
            blocked = new Thread(() -> {
                synchronized (monitor) {
                    held.countDown();
                }
            }, "blocked");
            blocked.setDaemon(true);
            blocked.start();
            ThreadInfo own = parked(twice, Thread.State.WAITING);
            ThreadInfo other = parked(blocked, Thread.State.BLOCKED);
            assertThat(own.getLockOwnerId()).as("the JVM's read").isEqualTo(twice.getId());

            ThreadRead ownRead = new ThreadRead(twice.getId());
            ownRead.update(own, new SharedNames());
            ThreadRead otherRead = new ThreadRead(blocked.getId());
            otherRead.update(other, new SharedNames());

            assertThat(ownRead.ownerId()).isEqualTo(-1);
            assertThat(ownRead.ownerName()).isNull();
            assertThat(ownRead.lockName()).startsWith(Mutex.Sync.class.getName() + "@");
            assertThat(otherRead.ownerId()).isEqualTo(Thread.currentThread().getId());
            assertThat(otherRead.ownerName()).isEqualTo(Thread.currentThread().getName());
        }
        held.await();
    }

    private static ThreadInfo parked(Thread t, Thread.State state) throws InterruptedException {
        while (true) {
            ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(t.getId());
            if (info != null && info.getThreadState() == state && info.getLockOwnerId() >= 0) {
                return info;
            }
            Thread.sleep(5);
        }
    }

    /** A lock that its owner cannot take again. */
    private static final class Mutex {
        private final Sync sync = new Sync();

        void lock() {
            sync.acquire(1);
        }

        static final class Sync extends AbstractQueuedSynchronizer {
            @Override
            protected boolean tryAcquire(int ignored) {
                if (compareAndSetState(0, 1)) {
                    setExclusiveOwnerThread(Thread.currentThread());
                    return true;
                }
                return false;
            }
        }
    }
}
