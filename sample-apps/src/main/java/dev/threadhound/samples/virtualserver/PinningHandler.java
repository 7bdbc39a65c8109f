package dev.threadhound.samples.virtualserver;

/**
 * Blocks while pinned, in the two ways real servers do: calling the backend while holding a monitor (a
 * {@code synchronized} cache), which pins on JDK 21-23, and calling it from a class initializer (each request loads
 * its tenant's template class, whose static initializer fetches from the backend), which still pins on JDK 24+.
 */
final class PinningHandler implements Handler {

    private final Object cache = new Object();

    static String whatPins(int jdk) {
        return jdk < 24 ? "synchronized and class initializers pin here" : "class initializers pin here; synchronized no longer does";
    }

    @Override
    public void handle(long request) {
        refreshCache();
        TenantTemplates.load(request);
    }

    private void refreshCache() {
        synchronized (cache) {
            Backend.call();
        }
    }
}
