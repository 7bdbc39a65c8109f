package dev.threadhound.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a thread's name alone says it is: one of threadhound's own, one of the JVM's, the JDK's or the tools' that run
 * the application (matched by name because a thread dump or a cheap scan may carry no stack; none of these names is
 * one an application's own thread gets by default), or neither, when only its stack can tell. A record works it out
 * once, when it is made ({@link ThreadRecord#nameKind()}): the detectors ask it of every thread each cycle, and at ten
 * thousand stuck threads reading each name out of memory for it was a seventh of a cycle.
 */
public enum ThreadNameKind {
    /** threadhound's own threads ({@value #AGENT_PREFIX} prefix). */
    AGENT,
    /** Threads of the JVM, the JDK and the tools around it (reference handler, JFR, surefire, RMI, ...). */
    SYSTEM,
    /** Any other name. */
    OTHER;

    public static final String AGENT_PREFIX = "threadhound-";

    private static final Set<String> NAMES = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener",
            "Notification Thread", "Service Thread", "Monitor Deflation Thread", "Sweeper thread", "GC Daemon",
            "Surrogate Locker Thread (Concurrent GC)", "VM Thread", "VM Periodic Task Thread", "DestroyJavaVM",
            "Monitor Ctrl-Break", "Keep-Alive-Timer", "Keep-Alive-SocketCleaner", "VirtualThread-unparker",
            // JDK 25's platform poller, under the virtual SubPoller-N threads
            "MasterPoller",
            "Java2D Disposer", "Java2D Queue Flusher", "AWT-Shutdown", "TimerQueue", "Java Sound Event Dispatcher",
            "JMX server connection timeout", "SIGTERM handler", "SIGINT handler", "SIGHUP handler",
            // java.util.logging's shutdown hook: it runs while the JVM exits, never keeps it from exiting
            "Logging-Cleaner");

    private static final List<String> PREFIXES = List.of(
            "JFR ", "RMI ", "process reaper", "Read-Poller", "Write-Poller", "InnocuousThread-",
            "C1 CompilerThread", "C2 CompilerThread", "GC Thread#", "G1 ",
            // build tools and test platforms that host the application under test
            "surefire-forkedjvm-", "last-ditch-daemon-shutdown-thread", "junit-jupiter-timeout-watcher",
            "junit-timeout-thread-");

    /**
     * {@link #PREFIXES} by their first character (all ASCII): a name is checked against the one or two that can
     * match. Names like {@code pool-1-thread-1} share a first letter with {@code process reaper}, and ten thousand of
     * them were checked against every prefix several times a cycle.
     */
    private static final String[][] BY_FIRST_CHAR = byFirstChar();

    /** The kind of a thread so named; a null name is {@link #OTHER}. */
    public static ThreadNameKind of(String name) {
        if (name == null) {
            return OTHER;
        }
        if (name.startsWith(AGENT_PREFIX)) {
            return AGENT;
        }
        return system(name) ? SYSTEM : OTHER;
    }

    private static boolean system(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        char first = name.isEmpty() ? 0 : name.charAt(0);
        String[] candidates = first < BY_FIRST_CHAR.length ? BY_FIRST_CHAR[first] : null;
        if (candidates == null) {
            return false;
        }
        for (String prefix : candidates) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String[][] byFirstChar() {
        String[][] table = new String[128][];
        for (String prefix : PREFIXES) {
            char first = prefix.charAt(0);
            String[] before = table[first] == null ? new String[0] : table[first];
            String[] with = Arrays.copyOf(before, before.length + 1);
            with[before.length] = prefix;
            table[first] = with;
        }
        return table;
    }
}
