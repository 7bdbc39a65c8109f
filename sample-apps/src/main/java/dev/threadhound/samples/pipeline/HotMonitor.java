package dev.threadhound.samples.pipeline;

/** {@code --bug=contention}: a counter every thread updates under one monitor, held for milliseconds. */
final class HotMonitor {

    private long count;

    synchronized void increment() {
        Busy.work(3);
        count++;
    }
}
