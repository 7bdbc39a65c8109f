package dev.threadhound.samples.audit;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A healthy poller: its own loop polls an inbox with {@code poll(1, SECONDS)} and handles what arrives, so most of
 * the time it is {@code TIMED_WAITING} in the same place, idle between items, and never stuck.
 */
final class InboxPoller implements Runnable {

    final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
    private volatile boolean running = true;
    private long handled;

    @Override
    public void run() {
        while (running) {
            try {
                String item = inbox.poll(1, TimeUnit.SECONDS);
                if (item != null) {
                    handled += item.length();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void stop() {
        running = false;
    }

    long handled() {
        return handled;
    }
}
