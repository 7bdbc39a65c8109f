package dev.threadhound.finding;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.threadhound.model.ThreadRecord;

import java.util.List;

/** A thread as a finding shows it: enough to act on without another tool. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "id", "virtual", "state", "blockedOn", "ownedBy", "stack", "createdAt"})
public record FindingThread(
        String name,
        long id,
        boolean virtual,
        String state,
        String blockedOn,
        String ownedBy,
        List<String> stack,
        List<String> createdAt) {

    public static FindingThread of(ThreadRecord t) {
        return new FindingThread(t.name(), t.id(), t.virtual(), t.state(), t.blockedOn(), t.ownedBy(),
                t.stack(), t.createdAt());
    }
}
