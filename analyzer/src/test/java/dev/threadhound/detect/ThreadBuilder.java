package dev.threadhound.detect;

import dev.threadhound.model.ThreadRecord;

import java.util.List;

/** Builds a {@link ThreadRecord} the way a test describes a thread: only what matters to it. */
final class ThreadBuilder {

    private final long id;
    private final String name;
    private boolean virtual;
    private String state = "WAITING";
    private List<String> stack = List.of();
    private String blockedOn;
    private long ownerId = -1;
    private String ownedBy;
    private long blockedCount = -1;
    private long waitedCount = -1;
    private long cpuTimeNanos = -1;
    private List<String> createdAt = List.of();
    private String executor;
    private long stalledSince;
    private boolean daemon;
    private long createdBy = -1;
    private long startedAt;
    private String identity;
    private String blockerLock;

    private ThreadBuilder(long id, String name) {
        this.id = id;
        this.name = name;
    }

    static ThreadBuilder thread(long id, String name) {
        return new ThreadBuilder(id, name);
    }

    ThreadBuilder state(String value) { this.state = value; return this; }
    ThreadBuilder waiting() { return state("WAITING"); }
    ThreadBuilder blocked() { return state("BLOCKED"); }
    ThreadBuilder timedWaiting() { return state("TIMED_WAITING"); }
    ThreadBuilder runnable() { return state("RUNNABLE"); }
    ThreadBuilder virtual() { this.virtual = true; return this; }
    ThreadBuilder stack(List<String> frames) { this.stack = frames; return this; }
    ThreadBuilder stack(String... frames) { return stack(List.of(frames)); }
    ThreadBuilder blockedOn(String identity) { this.blockedOn = identity; return this; }
    ThreadBuilder heldBy(long owner, String ownerName) { this.ownerId = owner; this.ownedBy = ownerName; return this; }
    ThreadBuilder counts(long blocked, long waited) { this.blockedCount = blocked; this.waitedCount = waited; return this; }
    ThreadBuilder cpu(long nanos) { this.cpuTimeNanos = nanos; return this; }
    ThreadBuilder createdAt(String... frames) { this.createdAt = List.of(frames); return this; }
    /** The very list given, as a source shares one among the threads started at one site. */
    ThreadBuilder createdAt(List<String> frames) { this.createdAt = frames; return this; }
    ThreadBuilder executor(String value) { this.executor = value; return this; }
    ThreadBuilder stalledSince(long millis) { this.stalledSince = millis; return this; }
    ThreadBuilder daemon() { this.daemon = true; return this; }
    ThreadBuilder createdBy(long parent) { this.createdBy = parent; return this; }
    ThreadBuilder startedAt(long millis) { this.startedAt = millis; return this; }
    ThreadBuilder blockerLock(String identity) { this.blockerLock = identity; return this; }
    /** The thread's own {@code Class@hex}, which a thread joining it waits on. */
    ThreadBuilder identity(String value) { this.identity = value; return this; }

    /** Started this long before {@link SnapshotBuilder#NOW}. */
    ThreadBuilder startedAgo(long millis) { return startedAt(SnapshotBuilder.NOW - millis); }

    /** Stalled for this long before {@link SnapshotBuilder#NOW}. */
    ThreadBuilder stalledFor(long millis) { return stalledSince(SnapshotBuilder.NOW - millis); }

    ThreadRecord build() {
        ThreadRecord made = new ThreadRecord(id, name, virtual, daemon, state, stack, blockedOn, ownerId, ownedBy,
                blockedCount, waitedCount, cpuTimeNanos, createdAt, createdBy, executor, stalledSince, startedAt,
                blockerLock);
        return identity != null ? made.withIdentity(identity) : made;
    }
}
