package dev.threadhound.finding;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One edge of a lock-order cycle: {@code thread} took {@code acquired} while it held {@code held}.
 *
 * @param heldAt     frames where the held lock was taken
 * @param acquiredAt frames where the second lock was taken
 */
@JsonPropertyOrder({"held", "acquired", "thread", "heldAt", "acquiredAt"})
public record LockOrderEdge(String held, String acquired, String thread, List<String> heldAt, List<String> acquiredAt) {
    public LockOrderEdge {
        heldAt = List.copyOf(heldAt);
        acquiredAt = List.copyOf(acquiredAt);
    }
}
