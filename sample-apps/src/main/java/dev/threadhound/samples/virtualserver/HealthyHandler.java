package dev.threadhound.samples.virtualserver;

/** Waits for its backend without holding anything: the virtual thread unmounts and the carrier serves others. */
final class HealthyHandler implements Handler {

    @Override
    public void handle(long request) {
        Backend.call();
    }
}
