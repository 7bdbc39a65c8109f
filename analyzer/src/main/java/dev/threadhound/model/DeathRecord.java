package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * A thread that ended by an uncaught exception. The thread is gone; this is what is left to explain a hang it
 * caused (the consumer dies, its producers block forever).
 *
 * @param threadId  JVM id the thread had
 * @param executor  name of the executor it worked for, or null (a pool replaces such a worker)
 * @param createdAt frames of the site that started it, empty when unknown
 * @param createdBy id of the thread that started it, -1 when unknown
 * @param exception the exception as {@code Throwable.toString()} prints it: class and message
 * @param at        the exception's top frames, innermost first
 * @param diedAt    epoch millis
 * @param waitedOn  what the thread was seen waiting on while it lived, most recent first
 */
public record DeathRecord(
        long threadId,
        String name,
        boolean daemon,
        String executor,
        List<String> createdAt,
        long createdBy,
        String exception,
        List<String> at,
        long diedAt,
        List<Wait> waitedOn) implements Serializable {

    public DeathRecord {
        createdAt = List.copyOf(createdAt);
        at = List.copyOf(at);
        waitedOn = waitedOn == null ? List.of() : List.copyOf(waitedOn);
    }

    /**
     * One thing the thread waited on.
     *
     * @param lock    the lock behind it (see {@link ThreadRecord#blockerLock()}), comparable with what other threads
     *                wait on
     * @param blocker what it waited on exactly (see {@link ThreadRecord#blockedOn()}): a queue's consumer and
     *                producer wait on two conditions of one lock
     * @param call    the JDK call it waited in, such as {@code ArrayBlockingQueue.take}; null when not seen
     */
    public record Wait(String lock, String blocker, String call) implements Serializable {
    }

    /** The exception's class without its package, e.g. {@code NullPointerException}. */
    public String exceptionType() {
        return exceptionType(exception);
    }

    /** The class without its package of an exception's {@code toString()}, e.g. {@code NullPointerException}. */
    public static String exceptionType(String exception) {
        int colon = exception.indexOf(':');
        String type = colon >= 0 ? exception.substring(0, colon) : exception;
        return type.substring(type.lastIndexOf('.') + 1).trim();
    }
}
