package dev.threadhound.junit;

import java.util.List;
import java.util.Timer;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands for a library that keeps a process-wide {@link Timer} in a lazy holder class: the timer's thread starts in
 * the holder's static initializer, when the first test touches it, and lives as long as the JVM. One holder per
 * fixture that touches it, since a class is initialized once per JVM.
 */
final class ProcessTimers {

    private static final List<Timer> CREATED = new CopyOnWriteArrayList<>();

    private ProcessTimers() {
    }

    static final class ForNameOrder {
        static final Timer TIMER = created("process-timer-name-order");
    }

    static final class ForReverseOrder {
        static final Timer TIMER = created("process-timer-reverse-order");
    }

    static Timer created(String name) {
        Timer timer = new Timer(name, true);
        CREATED.add(timer);
        return timer;
    }

    /** Ends the timers created so far, so that the suite that ran the fixtures leaves nothing behind. */
    static void cancelAll() {
        CREATED.forEach(Timer::cancel);
        CREATED.clear();
    }
}
