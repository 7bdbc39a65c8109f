package dev.threadhound.samples.pipeline;

import java.util.concurrent.locks.ReentrantLock;

/** {@code --bug=contention}: a cache every thread updates under one ReentrantLock, held for milliseconds. */
final class HotLock {

    private final ReentrantLock lock = new ReentrantLock();
    private long version;

    void update() {
        lock.lock();
        try {
            Busy.work(3);
            version++;
        } finally {
            lock.unlock();
        }
    }
}
