package dev.threadhound.samples.fanout;

import java.util.concurrent.ThreadLocalRandom;

/** Replicas that answer after a few milliseconds. */
final class Backends {

    static final int REPLICAS = 3;

    private Backends() {
    }

    static String ask(int replica, int request) {
        try {
            Thread.sleep(5 + ThreadLocalRandom.current().nextInt(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "replica-" + replica + " answers " + request;
    }
}
