package dev.threadhound.samples.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * {@code --bug=mutex-reentry}: an outbox guarded by a mutex of its own making on
 * {@link AbstractQueuedSynchronizer}, which, unlike {@code ReentrantLock}, is not reentrant. {@link #send} takes it
 * and, once a batch is full, calls {@link #flush}, which takes it again: the sending thread waits for a lock it holds
 * itself, for good. The JDK names the thread as the lock's owner, and its deadlock detection finds nothing.
 */
final class Outbox {

    private static final int BATCH = 50;

    private final Mutex mutex = new Mutex();
    private final List<String> pending = new ArrayList<>();
    private long flushed;

    void startSending() {
        PipelineWorkload.daemon("pipeline-outbox", () -> {
            try {
                for (long i = 0; ; i++) {
                    send("order " + i);
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    void send(String message) {
        mutex.lock();
        try {
            pending.add(message);
            if (pending.size() >= BATCH) {
                flush();
            }
        } finally {
            mutex.unlock();
        }
    }

    void flush() {
        mutex.lock();
        try {
            flushed += pending.size();
            pending.clear();
        } finally {
            mutex.unlock();
        }
    }

    /** The simplest exclusive lock {@code AbstractQueuedSynchronizer} makes: one holder, taken once. */
    private static final class Mutex extends AbstractQueuedSynchronizer {

        void lock() {
            acquire(1);
        }

        void unlock() {
            release(1);
        }

        @Override
        protected boolean tryAcquire(int ignored) {
            if (compareAndSetState(0, 1)) {
                setExclusiveOwnerThread(Thread.currentThread());
                return true;
            }
            return false;
        }

        @Override
        protected boolean tryRelease(int ignored) {
            setExclusiveOwnerThread(null);
            setState(0);
            return true;
        }
    }
}
