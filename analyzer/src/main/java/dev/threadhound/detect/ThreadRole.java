package dev.threadhound.detect;

import dev.threadhound.model.ThreadNameKind;
import dev.threadhound.model.ThreadRecord;

/**
 * What a thread is there for, as far as leak detection cares. Only {@link #APPLICATION} threads can leak: the
 * others wait forever by design.
 */
public enum ThreadRole {
    /** threadhound's own threads ({@code threadhound-} prefix). */
    AGENT,
    /** Threads of the JVM, the JDK and the tools around it (reference handler, JFR, surefire, RMI, ...). */
    SYSTEM,
    /** A thread whose stack shows it waiting for work or for another thread: a pool worker, a selector, a join. */
    IDLE,
    /** Everything else: code the application started and that may be stuck. */
    APPLICATION;

    public static final String AGENT_PREFIX = ThreadNameKind.AGENT_PREFIX;

    /** Classifies by name first (cheap), then by stack. */
    public static ThreadRole of(ThreadRecord thread) {
        ThreadRole byName = byName(thread);
        if (byName != null) {
            return byName;
        }
        if (IdleStacks.idle(thread.stack(), thread.blockedOn())) {
            return IDLE;
        }
        return APPLICATION;
    }

    /**
     * {@link #AGENT} or {@link #SYSTEM} when the name alone says so, else null: the stack decides. Worked out when the
     * record was made, not read from the name each time.
     */
    static ThreadRole byName(ThreadRecord thread) {
        return of(thread.nameKind());
    }

    /** {@link #AGENT} or {@link #SYSTEM} when a thread so named is one of them whatever its stack, else null. */
    public static ThreadRole byName(String threadName) {
        return of(ThreadNameKind.of(threadName));
    }

    private static ThreadRole of(ThreadNameKind kind) {
        return switch (kind) {
            case AGENT -> AGENT;
            case SYSTEM -> SYSTEM;
            case OTHER -> null;
        };
    }
}
