package dev.threadhound.agent.sink;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.time.Instant;
import java.util.List;

/**
 * The {@code /threads} document: every live thread with its state, stack and creation site when known, then the
 * threads that recently ended by an uncaught exception.
 */
@JsonPropertyOrder({"generatedAt", "count", "threads", "deaths"})
record ThreadsDocument(String generatedAt, int count, List<View> threads, List<DeathRecord> deaths) {

    static ThreadsDocument of(Snapshot snapshot, Instant now) {
        List<View> views = snapshot == null ? List.of() : snapshot.threads().stream().map(View::of).toList();
        return new ThreadsDocument(now.toString(), views.size(), views, snapshot == null ? List.of() : snapshot.deaths());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"name", "id", "virtual", "daemon", "state", "executor", "blockedOn", "ownedBy", "stack",
        "createdAt"})
    record View(String name, long id, boolean virtual, boolean daemon, String state, String executor,
                String blockedOn, String ownedBy, List<String> stack, List<String> createdAt) {

        static View of(ThreadRecord t) {
            return new View(t.name(), t.id(), t.virtual(), t.daemon(), t.state(), t.executor(), t.blockedOn(),
                    t.ownedBy(), t.stack(), t.createdAt());
        }
    }
}
