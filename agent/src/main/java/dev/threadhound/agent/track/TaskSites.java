package dev.threadhound.agent.track;

/**
 * Submission sites per task class. Every lambda's class is unique to the place in the source where it was
 * written, so capturing the stack once per class and caching it in a {@link ClassValue} costs a few nanoseconds
 * per task; a named task class submitted from several places keeps the first site seen.
 */
public final class TaskSites {

    private static final class Holder {
        volatile StackTraceElement[] site;
    }

    private final ClassValue<Holder> sites = new ClassValue<>() {
        @Override
        protected Holder computeValue(Class<?> type) {
            return new Holder();
        }
    };

    /** On submission: the first submission of a class records where it happened. */
    void submitted(Object task) {
        Holder h = sites.get(task.getClass());
        if (h.site == null) {
            h.site = Sites.capture();
        }
    }

    /** The recorded site of a task class, or null; never captures. */
    public StackTraceElement[] siteOf(Class<?> taskClass) {
        return sites.get(taskClass).site;
    }
}
