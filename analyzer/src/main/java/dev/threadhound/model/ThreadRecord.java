package dev.threadhound.model;

import java.util.List;
import java.util.Objects;

/**
 * One thread as a source saw it.
 *
 * @param id            JVM thread id
 * @param state         {@link Thread.State} name
 * @param stack         frames in {@code StackTraceElement.toString()} form, innermost first; empty when not captured
 * @param blockedOn     identity of what the thread waits for ({@code Class@hex}), or null
 * @param ownerId       id of the thread owning {@code blockedOn}, or -1
 * @param ownedBy       name of that owner, or null
 * @param blockedCount  times the thread blocked on a monitor, -1 when unknown (virtual threads, dumps)
 * @param waitedCount   times the thread waited or parked, -1 when unknown
 * @param cpuTimeNanos  CPU time used, -1 when unknown
 * @param createdAt     frames of the site that started the thread, empty when unknown
 * @param createdBy     id of the thread that started it, -1 when unknown
 * @param executor      name of the executor this thread works for, or null
 * @param stalledSince  epoch millis of the last observed progress (see {@link Progress})
 */
public record ThreadRecord(
        long id,
        String name,
        boolean virtual,
        boolean daemon,
        String state,
        List<String> stack,
        String blockedOn,
        long ownerId,
        String ownedBy,
        long blockedCount,
        long waitedCount,
        long cpuTimeNanos,
        List<String> createdAt,
        long createdBy,
        String executor,
        long stalledSince) {

    public ThreadRecord {
        stack = List.copyOf(stack);
        createdAt = List.copyOf(createdAt);
    }

    /** A thread that a source knows only by name, state and stack (a thread dump, a test). */
    public static ThreadRecord of(long id, String name, String state, List<String> stack) {
        return new ThreadRecord(id, name, false, false, state, stack, null, -1, null, -1, -1, -1,
                List.of(), -1, null, 0);
    }

    public String topFrame() {
        return stack.isEmpty() ? null : stack.get(0);
    }

    public boolean waiting() {
        return "WAITING".equals(state) || "BLOCKED".equals(state);
    }

    /**
     * Whether {@code other} shows the thread exactly as this record does, stall aside: {@link Progress} then keeps the
     * earlier record rather than making a new one, so a JVM whose hundred thousand threads stay put makes no garbage
     * there. Every component but {@code stalledSince} is compared (a test holds this to the record's components).
     */
    public boolean sameObservation(ThreadRecord other) {
        return other != null && id == other.id && virtual == other.virtual && daemon == other.daemon
                && blockedCount == other.blockedCount && waitedCount == other.waitedCount
                && cpuTimeNanos == other.cpuTimeNanos && ownerId == other.ownerId && createdBy == other.createdBy
                && Objects.equals(name, other.name) && Objects.equals(state, other.state)
                && Objects.equals(blockedOn, other.blockedOn) && Objects.equals(ownedBy, other.ownedBy)
                && Objects.equals(executor, other.executor) && stack.equals(other.stack)
                && createdAt.equals(other.createdAt);
    }

    public ThreadRecord withStalledSince(long millis) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executor, millis);
    }

    public ThreadRecord withStack(List<String> frames) {
        return new ThreadRecord(id, name, virtual, daemon, state, frames, blockedOn, ownerId, ownedBy,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince);
    }

    public ThreadRecord withCreation(List<String> site, long parentId) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy,
                blockedCount, waitedCount, cpuTimeNanos, site, parentId, executor, stalledSince);
    }

    public ThreadRecord withExecutor(String executorName) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executorName, stalledSince);
    }

    public ThreadRecord withLock(String lockIdentity, long owner, String ownerName) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, lockIdentity, owner, ownerName,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince);
    }
}
