package dev.threadhound.samples.virtualserver;

import dev.threadhound.samples.VirtualThreadFactory;

/**
 * How long requests took, summed by a virtual thread of its own, written in the style of code older than
 * {@code java.util.concurrent}: each request hands over its time under the object's monitor and calls
 * {@code notifyAll()}, and the summing thread waits in {@code Object.wait()} between them, at the same line on the
 * same object every time, woken twenty times a second. From JDK 24 on such a wait lets the carrier go (JEP 491), and
 * the JDK counts it nowhere: a healthy wait that never lasts. {@link #close} ends it and joins it; {@code forgetful}
 * sets the flag and forgets the {@code notifyAll()}, the classic lost wake-up: the summing thread waits for good, and
 * the caller of {@code close()} waits for it.
 */
final class RequestStats implements AutoCloseable {

    private final Thread summer;
    private final boolean forgetful;
    private long pendingNanos;
    private int pending;
    private boolean closed;
    private long requests;
    private long totalNanos;

    RequestStats(boolean forgetful) throws ReflectiveOperationException {
        this.forgetful = forgetful;
        summer = VirtualThreadFactory.named("request-stats").newThread(this::sum);
        summer.start();
    }

    synchronized void took(long nanos) {
        pendingNanos += nanos;
        pending++;
        notifyAll();
    }

    private synchronized void sum() {
        try {
            while (true) {
                while (pending == 0 && !closed) {
                    wait();
                }
                if (pending == 0) {
                    return;
                }
                requests += pending;
                totalNanos += pendingNanos;
                pending = 0;
                pendingNanos = 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (forgetful) {
            closeForgetting();
        } else {
            synchronized (this) {
                closed = true;
                notifyAll();
            }
        }
        summer.join();
    }

    /**
     * Sets the flag only once the summing thread waits with nothing pending: one still summing the last request
     * would see the flag and end, and the lost wake-up would depend on how the threads were scheduled. Holding the
     * monitor, a summing thread seen {@code WAITING} is in the wait set, and nothing notifies it after this.
     */
    private void closeForgetting() throws InterruptedException {
        while (true) {
            synchronized (this) {
                if (pending == 0 && summer.getState() == Thread.State.WAITING || !summer.isAlive()) {
                    closed = true;
                    return;
                }
            }
            Thread.sleep(1);
        }
    }

    /** The mean time a request took, in milliseconds, once closed. */
    synchronized double meanMillis() {
        return requests == 0 ? 0 : totalNanos / 1e6 / requests;
    }
}
