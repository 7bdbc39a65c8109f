package dev.threadhound.detect;

import java.util.List;
import java.util.Set;

/**
 * Names of threads that belong to the JVM, the JDK or the tools that run the application. They are matched by
 * name because a thread dump or a cheap scan may carry no stack; none of these names is one an application's own
 * thread gets by default.
 */
final class SystemThreads {

    private static final Set<String> NAMES = Set.of(
            "Reference Handler", "Finalizer", "Signal Dispatcher", "Common-Cleaner", "Attach Listener",
            "Notification Thread", "Service Thread", "Monitor Deflation Thread", "Sweeper thread", "GC Daemon",
            "Surrogate Locker Thread (Concurrent GC)", "VM Thread", "VM Periodic Task Thread", "DestroyJavaVM",
            "Monitor Ctrl-Break", "Keep-Alive-Timer", "Keep-Alive-SocketCleaner", "VirtualThread-unparker",
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

    /** The first characters of {@link #PREFIXES}: most names start with none of them, and need no loop. */
    private static final String FIRST_CHARS = PREFIXES.stream().map(p -> p.substring(0, 1)).distinct()
            .reduce("", String::concat);

    private SystemThreads() {
    }

    /** Asked of every thread every cycle: a set lookup and, for a few first characters, a plain loop. */
    static boolean isSystem(String name) {
        if (NAMES.contains(name)) {
            return true;
        }
        if (name.isEmpty() || FIRST_CHARS.indexOf(name.charAt(0)) < 0) {
            return false;
        }
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
