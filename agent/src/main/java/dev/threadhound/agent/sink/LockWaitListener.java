package dev.threadhound.agent.sink;

/**
 * Receives lock waits and pinned virtual threads one event at a time, as the JFR stream delivers them.
 * Called on the JFR stream's thread; an implementation must be cheap and never throw.
 */
public interface LockWaitListener {

    /**
     * @param lockClass class name of the monitor or of the park blocker
     * @param kind      {@code monitor} or {@code park}
     * @param nanos     how long the thread waited
     */
    void lockWaited(String lockClass, String kind, long nanos);

    /** A virtual thread blocked while pinned to its carrier for {@code nanos}. */
    void virtualThreadPinned(long nanos);

    LockWaitListener NONE = new LockWaitListener() {
        @Override
        public void lockWaited(String lockClass, String kind, long nanos) {
        }

        @Override
        public void virtualThreadPinned(long nanos) {
        }
    };
}
