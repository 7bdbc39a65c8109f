package dev.threadhound.finding;

/** The finding types of the contract (findings schema v1). */
public enum FindingType {
    DEADLOCK,
    STARVATION_DEADLOCK,
    LEAKED_THREAD,
    LEAKED_TASK,
    LEAKED_EXECUTOR,
    CONTENTION,
    PINNED_VIRTUAL_THREAD,
    POOL_SATURATED,
    POTENTIAL_DEADLOCK,
    THREAD_PILE_UP,
    TASK_PILE_UP,
    TASK_STOPPED,
    EXIT_BLOCKED,
    SPINNING_THREADS,
    THREAD_DIED
}
