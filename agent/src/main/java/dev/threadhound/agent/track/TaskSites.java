package dev.threadhound.agent.track;

/**
 * Submission sites per task class. Every lambda's class is unique to the place in the source where it was
 * written, so capturing the stack once per class and caching it in a {@link ClassValue} costs a few nanoseconds
 * per task; a named task class submitted from several places keeps the first site seen, or the first since a leak
 * check began ({@link #renew}).
 */
public final class TaskSites {

    private static final class Holder {
        volatile StackTraceElement[] site;
        volatile int round;
    }

    private final ClassValue<Holder> sites = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };

    /** Which leak check's sites are recorded now; 0 until the first one. */
    private volatile int round;

    /** On submission: the first submission of a class (since the last {@link #renew}) records where it happened. */
    void submitted(Object task) {
        Holder h = sites.get(task.getClass());
        int now = round;
        if (h.site == null || h.round != now) {
            h.site = Sites.capture();
            h.round = now;
        }
    }

    /**
     * A leak check begins (a test): each class's next submission is recorded again, so that a library's task class
     * that every test submits through a call of its own is named at this test's call. Only the JUnit check renews.
     */
    synchronized void renew() {
        round++;
    }

    /** The recorded site of a task class, or null; never captures. */
    public StackTraceElement[] siteOf(Class<?> taskClass) {
        return sites.get(taskClass).site;
    }
}
