package dev.threadhound.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The agent's voice: one line on stderr per thing worth saying, and never the same thing twice. */
public final class Log {

    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void line(String message) {
        System.err.println("threadhound: " + message);
    }

    /** Says {@code message} the first time {@code topic} comes up, then stays quiet about it. */
    public static void once(String topic, String message) {
        if (SAID.add(topic)) {
            line(message);
        }
    }

    /** The same for a message that costs something to make: made only the one time it is said. */
    public static void once(String topic, Supplier<String> message) {
        if (SAID.add(topic)) {
            line(message.get());
        }
    }
}
