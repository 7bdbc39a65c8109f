package dev.threadhound.samples.virtualserver;

/** A slow dependency: every call blocks for a while, as a database or a remote service would. */
public final class Backend {

    static final long CALL_MILLIS = 30;

    private Backend() {
    }

    /** Public: tenant templates call it from their own class loader, another runtime package. */
    public static void call() {
        try {
            Thread.sleep(CALL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
