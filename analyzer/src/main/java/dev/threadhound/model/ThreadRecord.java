package dev.threadhound.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.io.Serializable;
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
 * @param waitedCount   times the thread waited or parked, -1 when unknown; of a virtual thread, which the JDK counts
 *                      no waits of, the waits the agent saw begin (at most one between two looks)
 * @param cpuTimeNanos  CPU time used, -1 when unknown
 * @param createdAt     frames of the site that started the thread, empty when unknown
 * @param createdBy     id of the thread that started it, -1 when unknown
 * @param executor      name of the executor this thread works for, or null
 * @param stalledSince  epoch millis of the last observed progress (see {@link Progress})
 * @param startedAt     epoch millis the thread was started; a source that does not know leaves 0 and
 *                      {@link Progress} puts the first snapshot that showed the thread
 * @param blockerLock   identity of the lock behind {@code blockedOn}: the lock a {@code Condition} belongs to (a
 *                      queue's {@code notEmpty} and {@code notFull} share one), else {@code blockedOn} itself;
 *                      null when the source cannot tell
 * @param identity      what a thread waiting for this one to end shows as {@code blockedOn} ({@code Class@hex}): for
 *                      a {@code join()}, the thread object itself, or for a virtual thread the lock of the latch it
 *                      counts down as it ends (made by its first join); for a virtual thread nobody joins, the lock
 *                      of the latch the {@code close()} of the thread-per-task executor it runs in waits on; null
 *                      when unknown (the agent names the running threads it saw start)
 * @param signalledWaits its timed waits on a lock's {@code Condition} that a signal ended before their time ran out
 *                      (a queue's {@code poll(timeout)} that was handed an item), which {@code waitedCount} does not
 *                      tell from those that timed out; -1 when unknown (virtual threads, dumps, threads started
 *                      before the agent)
 * @param history       what {@link Progress} learned about the thread over earlier snapshots
 * @param nameKind      what the name alone says the thread is; worked out from {@code name} when null
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
        long stalledSince,
        long startedAt,
        String blockerLock,
        String identity,
        long signalledWaits,
        @JsonIgnore ThreadHistory history,
        @JsonIgnore ThreadNameKind nameKind) implements Serializable {

    public ThreadRecord {
        stack = List.copyOf(stack);
        createdAt = List.copyOf(createdAt);
        history = history == null ? ThreadHistory.NONE : history;
        nameKind = nameKind == null ? ThreadNameKind.of(name) : nameKind;
    }

    /** A thread as a source saw it, with what is known of its history; its name's kind worked out from the name. */
    public ThreadRecord(long id, String name, boolean virtual, boolean daemon, String state, List<String> stack,
                        String blockedOn, long ownerId, String ownedBy, long blockedCount, long waitedCount,
                        long cpuTimeNanos, List<String> createdAt, long createdBy, String executor, long stalledSince,
                        long startedAt, String blockerLock, String identity, ThreadHistory history) {
        this(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount, waitedCount,
                cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock, identity, -1,
                history, null);
    }

    /** As the agent sees a thread it saw start: with its waits that a signal ended. */
    public ThreadRecord(long id, String name, boolean virtual, boolean daemon, String state, List<String> stack,
                        String blockedOn, long ownerId, String ownedBy, long blockedCount, long waitedCount,
                        long cpuTimeNanos, List<String> createdAt, long createdBy, String executor, long stalledSince,
                        long startedAt, String blockerLock, String identity, long signalledWaits, ThreadHistory history) {
        this(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount, waitedCount,
                cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock, identity,
                signalledWaits, history, null);
    }

    /** A thread whose start time, lock behind its blocker and identity the source does not know. */
    public ThreadRecord(long id, String name, boolean virtual, boolean daemon, String state, List<String> stack,
                        String blockedOn, long ownerId, String ownedBy, long blockedCount, long waitedCount,
                        long cpuTimeNanos, List<String> createdAt, long createdBy, String executor, long stalledSince) {
        this(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount, waitedCount,
                cpuTimeNanos, createdAt, createdBy, executor, stalledSince, 0, null);
    }

    /** A thread as one look at it sees it: no identity, no history yet. */
    public ThreadRecord(long id, String name, boolean virtual, boolean daemon, String state, List<String> stack,
                        String blockedOn, long ownerId, String ownedBy, long blockedCount, long waitedCount,
                        long cpuTimeNanos, List<String> createdAt, long createdBy, String executor, long stalledSince,
                        long startedAt, String blockerLock) {
        this(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount, waitedCount,
                cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock, null,
                ThreadHistory.NONE);
    }

    /** A thread that a source knows only by name, state and stack (a thread dump, a test). */
    public static ThreadRecord of(long id, String name, String state, List<String> stack) {
        return new ThreadRecord(id, name, false, false, state, stack, null, -1, null, -1, -1, -1,
                List.of(), -1, null, 0);
    }

    /** What a thread waits on, compared across threads: the lock behind a condition when known, else the blocker. */
    public String waitKey() {
        return blockerLock != null ? blockerLock : blockedOn;
    }

    /** What a carrier thread is reported waiting on while it runs a virtual thread. */
    private static final String CARRIED_THREAD = "java.lang.VirtualThread@";

    public String topFrame() {
        return stack.isEmpty() ? null : stack.get(0);
    }

    /**
     * Waiting or blocked, as the JDK reports it, except for a carrier thread running a virtual thread: the JDK shows
     * the carrier waiting on that virtual thread (at {@code Continuation.run}) for as long as it runs it, and what
     * the virtual thread does is in its own record.
     */
    public boolean waiting() {
        return ("WAITING".equals(state) && !carrying()) || "BLOCKED".equals(state);
    }

    /** A carrier thread running a virtual thread: reported waiting, on the virtual thread it runs. */
    public boolean carrying() {
        return "WAITING".equals(state) && blockedOn != null && blockedOn.startsWith(CARRIED_THREAD);
    }

    /**
     * Whether {@code other} shows the thread as this record does, leaving out what {@link Progress} carries over
     * ({@code stalledSince}, {@code startedAt}, {@code history}): Progress then keeps the earlier record rather than
     * making a new one, so a JVM whose hundred thousand threads stay put makes no garbage there. Every other
     * component is compared (a test holds this to the record's components).
     */
    public boolean sameObservation(ThreadRecord other) {
        return other != null && id == other.id && virtual == other.virtual && daemon == other.daemon
                && blockedCount == other.blockedCount && waitedCount == other.waitedCount
                && cpuTimeNanos == other.cpuTimeNanos && ownerId == other.ownerId && createdBy == other.createdBy
                && Objects.equals(name, other.name) && Objects.equals(state, other.state)
                && Objects.equals(blockedOn, other.blockedOn) && Objects.equals(ownedBy, other.ownedBy)
                && Objects.equals(executor, other.executor) && Objects.equals(blockerLock, other.blockerLock)
                && signalledWaits == other.signalledWaits
                && Objects.equals(identity, other.identity) && stack.equals(other.stack)
                && createdAt.equals(other.createdAt);
    }

    public ThreadRecord withStalledSince(long millis) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, millis, startedAt, blockerLock, identity,
                signalledWaits, history, nameKind);
    }

    public ThreadRecord withStack(List<String> frames) {
        return new ThreadRecord(id, name, virtual, daemon, state, frames, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock,
                identity, signalledWaits, history, nameKind);
    }

    public ThreadRecord withCreation(List<String> site, long parentId) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, site, parentId, executor, stalledSince, startedAt, blockerLock, identity,
                signalledWaits, history, nameKind);
    }

    public ThreadRecord withExecutor(String executorName) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executorName, stalledSince, startedAt, blockerLock,
                identity, signalledWaits, history, nameKind);
    }

    public ThreadRecord withLock(String lockIdentity, long owner, String ownerName) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, lockIdentity, owner, ownerName,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt,
                blockerLock, identity, signalledWaits, history, nameKind);
    }

    public ThreadRecord withStartedAt(long millis) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, millis, blockerLock,
                identity, signalledWaits, history, nameKind);
    }

    public ThreadRecord withIdentity(String threadIdentity) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock,
                threadIdentity, signalledWaits, history, nameKind);
    }

    /**
     * What {@link Progress} carries over, set at once: one new record for a thread that moved, not one for each of
     * the three (a hundred thousand threads seen for the first time made three hundred thousand records).
     */
    public ThreadRecord withProgress(long stalledMillis, long startedMillis, ThreadHistory learned) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledMillis, startedMillis, blockerLock,
                identity, signalledWaits, learned, nameKind);
    }

    public ThreadRecord withHistory(ThreadHistory learned) {
        return new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy, blockedCount,
                waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt, blockerLock,
                identity, signalledWaits, learned, nameKind);
    }
}
