package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadReadTest {

    /**
     * The owner the JVM names is kept when it is another thread, and when it is the thread itself parked on a lock of
     * the application's own, which may not be reentrant (a holder that asks again waits for itself); a thread's
     * monitor, the one way to be blocked, is another's.
     */
    @Test
    void aThreadIsReadAsTheOwnerOfWhatItWaitsForOnlyOnALockOfTheApplicationsOwn() throws Exception {
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

            assertThat(ownRead.ownerId()).isEqualTo(twice.getId());
            assertThat(ownRead.ownerName()).isEqualTo("locks-twice");
            assertThat(ownRead.lockName()).startsWith(Mutex.Sync.class.getName() + "@");
            assertThat(otherRead.ownerId()).isEqualTo(Thread.currentThread().getId());
            assertThat(otherRead.ownerName()).isEqualTo(Thread.currentThread().getName());
        }
        held.await();
    }

    /**
     * JDK 25 reads a carrier of virtual threads waiting on itself, owned by itself, while nothing is wrong (the read
     * stops no thread), which was reported as a read lock's upgrade, a CRITICAL deadlock: on what is the JDK's own,
     * the thread is never its own owner.
     */
    @Test
    void aThreadIsNeverReadAsItsOwnOwnerOnWhatIsTheJdks() {
        Thread carrier = Thread.currentThread();
        ThreadRead read = new ThreadRead(carrier.getId());
        read.update(carrier, new CarrierThreads.Look(Thread.State.WAITING, "jdk.internal.misc.CarrierThread@3b95a09c",
                "jdk.internal.misc.CarrierThread", carrier.getId(), carrier.getName()), -1, 0, new SharedNames());
        assertThat(read.ownerId()).isEqualTo(-1);
        assertThat(read.ownerName()).isNull();

        read.update(carrier, new CarrierThreads.Look(Thread.State.WAITING,
                "java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586",
                "java.util.concurrent.locks.ReentrantLock$NonfairSync", carrier.getId(), carrier.getName()), -1, 1,
                new SharedNames());
        assertThat(read.ownerId()).isEqualTo(-1);
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
