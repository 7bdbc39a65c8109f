package dev.threadhound.agent.snapshot;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import static org.assertj.core.api.Assertions.assertThat;

class ReadHoldsTest {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        release.countDown();
        for (Thread t : started) {
            t.interrupt();
            t.join(5_000);
        }
    }

    @Test
    void aReaderParkedForTheWriteLockOfItsOwnLockIsSeenHoldingTheReadLock() throws Exception {
        Thread upgrading = start("upgrading", () -> {
            lock.readLock().lock();
            try {
                lock.writeLock().lockInterruptibly();
            } catch (InterruptedException e) {
                // the test is over
            } finally {
                lock.readLock().unlock();
            }
        });
        Object waitedOn = awaitParkedOnTheLock(upgrading);

        assertThat(waitedOn).isNotNull();
        assertThat(ReadHolds.holdsRead(waitedOn, upgrading)).isTrue();
        assertThat(ReadHolds.holdsRead(waitedOn, Thread.currentThread())).isFalse();
    }

    @Test
    void everyReaderIsSeenWhereverTheLockKeepsItsCountAndAWriterHoldingNoneIsNot() throws Exception {
        // the first reader's count is in the lock, the last one's is cached there too, the others' only in their
        // own thread-local maps
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            CountDownLatch reading = new CountDownLatch(1);
            readers.add(start("reader-" + i, () -> {
                lock.readLock().lock();
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    // the test is over
                } finally {
                    lock.readLock().unlock();
                }
            }));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        }
        Thread writer = start("writer", () -> {
            try {
                lock.writeLock().lockInterruptibly();
                lock.writeLock().unlock();
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        Object waitedOn = awaitParkedOnTheLock(writer);

        assertThat(readers).allSatisfy(r -> assertThat(ReadHolds.holdsRead(waitedOn, r)).as(r.getName()).isTrue());
        assertThat(ReadHolds.holdsRead(waitedOn, writer)).isFalse();
        assertThat(ReadHolds.lockWaitedOn(readers.get(0))).as("parked on a latch, not the lock").isNull();
    }

    @Test
    void aThreadParkedOnAnythingElseWaitsOnNoReadWriteLock() throws Exception {
        Thread parked = start("parked", () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                // the test is over
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (parked.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(ReadHolds.lockWaitedOn(parked)).isNull();
    }

    private Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        started.add(t);
        t.start();
        return t;
    }

    private static Object awaitParkedOnTheLock(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Object lock = ReadHolds.lockWaitedOn(t);
            if (lock != null) {
                assertThat(lock).isSameAs(LockSupport.getBlocker(t));
                return lock;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(t.getName() + " never parked on the lock");
    }
}
