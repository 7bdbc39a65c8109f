package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/** Virtual threads that blocked while pinned to their carrier at one site, summed over the window. */
public record PinningRecord(List<String> site, long durationMs, long count) implements Serializable {
    public PinningRecord {
        site = List.copyOf(site);
    }
}
