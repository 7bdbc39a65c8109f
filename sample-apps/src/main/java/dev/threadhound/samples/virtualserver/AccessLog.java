package dev.threadhound.samples.virtualserver;

import dev.threadhound.samples.VirtualThreadFactory;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The server's access log: each request hands it a line, and a virtual thread of its own writes them out (here, counts
 * them), parked in {@code take()} between lines, at the same line every time, woken twenty times a second. A healthy
 * wait that never lasts. {@link #close} ends it with a last line that says so and joins it; {@code forgetful} closes
 * it as a flag only, read after each line, and no line comes any more: the writer waits in {@code take()} for good, and
 * the caller of {@code close()} waits for the writer.
 */
final class AccessLog implements AutoCloseable {

    private static final String END = new String("end of log");

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final boolean forgetful;
    private final Thread writer;
    private volatile boolean closed;
    private long written;

    AccessLog(boolean forgetful) throws ReflectiveOperationException {
        this.forgetful = forgetful;
        writer = VirtualThreadFactory.named("access-log").newThread(this::write);
        writer.start();
    }

    void log(String line) {
        lines.add(line);
    }

    private void write() {
        try {
            while (!closed) {
                String line = lines.take();
                if (line == END) {
                    return;
                }
                written++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (forgetful) {
            // once the writer waits with nothing left to write: one still writing would read the flag and end, and
            // the lost wake-up would depend on how the threads were scheduled
            while (!lines.isEmpty() || writer.getState() != Thread.State.WAITING && writer.isAlive()) {
                Thread.sleep(1);
            }
        }
        closed = true;
        if (!forgetful) {
            lines.add(END);
        }
        writer.join();
    }

    /** The lines written, once closed. */
    long written() {
        return written;
    }
}
