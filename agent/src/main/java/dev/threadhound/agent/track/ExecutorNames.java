package dev.threadhound.agent.track;

import java.util.regex.Pattern;

/**
 * The contract's stable, readable executor name: the thread-name prefix when the executor's threads have a name
 * of their own, else the creation site as {@code SimpleClass.method:line}.
 */
public final class ExecutorNames {

    /**
     * Names the JDK gives when nobody chose one: its default thread factories' and {@code new Thread(runnable)}'s
     * (a custom factory that does not name its threads). They say nothing about whose pool it is.
     */
    private static final Pattern DEFAULT_FACTORY = Pattern.compile(
            "pool-\\d+-thread-\\d+|ForkJoinPool-\\d+-worker-\\d+|Thread-\\d+");
    private static final Pattern COUNTER_SUFFIX = Pattern.compile("[-_#. ]*\\d+$");

    private ExecutorNames() {
    }

    public static String name(ExecutorOrigin origin) {
        if (origin.threadNamePrefix != null) {
            return origin.threadNamePrefix;
        }
        if (createdBy(origin.site, "java.lang.VirtualThread", "createDefaultScheduler")) {
            return "VirtualThread.scheduler";
        }
        String site = siteName(origin.site);
        return site != null ? site : origin.identity;
    }

    public static String prefixOf(String threadName) {
        if (threadName == null || threadName.isEmpty() || DEFAULT_FACTORY.matcher(threadName).matches()) {
            return null;
        }
        if (threadName.startsWith("ForkJoinPool.commonPool")) {
            return "ForkJoinPool.commonPool";
        }
        String prefix = COUNTER_SUFFIX.matcher(threadName).replaceFirst("");
        return prefix.isEmpty() ? null : prefix;
    }

    /** {@code SimpleClass.method:line} of the first frame outside the JDK and the agent, or null. */
    static String siteName(StackTraceElement[] site) {
        if (site == null) {
            return null;
        }
        for (StackTraceElement frame : site) {
            String cls = frame.getClassName();
            if (!isPlatform(cls)) {
                String simple = cls.substring(cls.lastIndexOf('.') + 1);
                return simple + "." + frame.getMethodName() + ":" + frame.getLineNumber();
            }
        }
        return null;
    }

    private static boolean createdBy(StackTraceElement[] site, String className, String method) {
        if (site != null) {
            for (StackTraceElement frame : site) {
                if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean isPlatform(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("dev.threadhound.agent.");
    }
}
