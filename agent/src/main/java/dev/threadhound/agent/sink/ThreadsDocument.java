package dev.threadhound.agent.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code /threads} document: every live thread, grouped as a goroutine profile groups goroutines
 * ({@code debug=1}): threads in the same state with the same stack and creation site are one group with a count,
 * largest group first, a page of groups at a time. Ten thousand threads parked at one line are one group of a few
 * kilobytes, not ten thousand copies of the same stack. Then the threads that recently ended by an uncaught
 * exception.
 *
 * @param count      live threads in all
 * @param groupCount groups in all; {@code groups} is the page from {@code offset}, at most {@code limit} long
 */
@JsonPropertyOrder({"generatedAt", "count", "groupCount", "offset", "limit", "groups", "deaths"})
record ThreadsDocument(String generatedAt, int count, int groupCount, int offset, int limit, List<Group> groups,
                       List<DeathRecord> deaths) {

    /** Groups per page unless the request asks for another {@code limit}. */
    static final int DEFAULT_LIMIT = 100;
    /** Threads named per group; {@code count} says how many the group has. */
    static final int THREADS_PER_GROUP = 100;

    static ThreadsDocument of(Snapshot snapshot, Instant now, int offset, int limit) {
        List<ThreadRecord> threads = snapshot == null ? List.of() : snapshot.threads();
        Map<Key, List<ThreadRecord>> byKey = new HashMap<>();
        for (ThreadRecord t : threads) {
            byKey.computeIfAbsent(new Key(t.state(), t.stack(), t.createdAt()), k -> new ArrayList<>()).add(t);
        }
        List<List<ThreadRecord>> ordered = new ArrayList<>(byKey.values());
        ordered.sort(Comparator.comparingInt((List<ThreadRecord> g) -> -g.size())
                .thenComparingLong(g -> g.get(0).id()));
        List<Group> page = ordered.stream().skip(offset).limit(limit).map(Group::of).toList();
        return new ThreadsDocument(now.toString(), threads.size(), ordered.size(), offset, limit, page,
                snapshot == null ? List.of() : snapshot.deaths());
    }

    private record Key(String state, List<String> stack, List<String> createdAt) {
    }

    /**
     * Threads in one state with one stack and creation site. An empty stack means it was not taken for this answer
     * (stacks are taken within a time budget; threads that stay put keep theirs, so asking again fills them in).
     */
    @JsonPropertyOrder({"count", "state", "stack", "createdAt", "threads"})
    record Group(int count, String state, List<String> stack, List<String> createdAt, List<View> threads) {

        static Group of(List<ThreadRecord> members) {
            ThreadRecord first = members.get(0);
            List<View> named = members.stream().sorted(Comparator.comparingLong(ThreadRecord::id))
                    .limit(THREADS_PER_GROUP).map(View::of).toList();
            return new Group(members.size(), first.state(), first.stack(), first.createdAt(), named);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "id", "virtual", "daemon", "executor", "blockedOn", "ownedBy"})
    record View(String name, long id, boolean virtual, boolean daemon, String executor, String blockedOn,
                String ownedBy) {

        static View of(ThreadRecord t) {
            return new View(t.name(), t.id(), t.virtual(), t.daemon(), t.executor(), t.blockedOn(), t.ownedBy());
        }
    }
}
