package dev.threadhound.source.dump;

import dev.threadhound.model.Snapshot;

import java.util.List;

/**
 * What a reader made of an input: the snapshot, and notes on what the input could not show (for example lock
 * owners a dump format does not record), which the CLI prints beside the findings.
 */
public record DumpedThreads(Snapshot snapshot, List<String> notes) {
    public DumpedThreads {
        notes = List.copyOf(notes);
    }
}
