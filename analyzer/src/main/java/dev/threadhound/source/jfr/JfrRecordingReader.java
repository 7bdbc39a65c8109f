package dev.threadhound.source.jfr;

import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import dev.threadhound.source.dump.DumpedThreads;
import dev.threadhound.source.dump.JstackReader;
import dev.threadhound.source.dump.UnreadableInputException;
import jdk.jfr.consumer.EventStream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code .jfr} recording into one snapshot: contention and pinning over the whole recording, and the
 * threads of its {@code jdk.ThreadDump} events (jstack text, taken at least at each chunk's start and end by the
 * default settings). Successive dumps are carried forward with {@link Progress}, so a thread blocked without
 * progress from one dump to the next shows how long it has been stuck.
 */
public final class JfrRecordingReader {

    static final String THREAD_DUMP = "jdk.ThreadDump";

    private JfrRecordingReader() {
    }

    public static DumpedThreads read(Path file) throws UnreadableInputException {
        RecordingFiles.checkComplete(file);
        ContentionWindow window = ContentionWindow.wholeRecording();
        State state = new State();
        try (EventStream stream = EventStream.openFile(file)) {
            ContentionEvents.subscribe(stream, window, ContentionListener.NONE, Integer.MAX_VALUE);
            stream.onEvent(event -> state.lastEvent = Math.max(state.lastEvent, event.getEndTime().toEpochMilli()));
            stream.onEvent(THREAD_DUMP, event -> state.dump(event.getString("result"), event.getEndTime().toEpochMilli()));
            stream.start();
        } catch (IOException | RuntimeException e) {
            throw new UnreadableInputException("not a readable JFR recording (" + reason(e) + ")", e);
        }
        long takenAt = Math.max(state.lastEvent, state.threads == null ? 0 : state.threads.takenAt());
        if (takenAt == 0) {
            throw new UnreadableInputException("the JFR recording holds no events");
        }
        Snapshot base = state.threads != null ? state.threads : Snapshot.ofThreads(takenAt, List.of());
        Snapshot snapshot = new Snapshot(takenAt, base.threads(), List.of(), List.of(),
                window.contention(takenAt), window.pinning(takenAt));
        List<String> notes = new ArrayList<>();
        if (state.dumpError != null) {
            notes.add(state.dumpError);
        }
        if (state.threads == null) {
            notes.add("the recording holds no jdk.ThreadDump event: only contention and pinning can be analyzed");
        }
        return new DumpedThreads(snapshot, notes);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** What the stream has read so far; the stream calls back on the reading thread only. */
    private static final class State {
        long lastEvent;
        Snapshot threads;
        String dumpError;

        void dump(String text, long at) {
            if (text == null) {
                return;
            }
            try {
                Snapshot next = JstackReader.read(text, at).snapshot();
                threads = Progress.carry(threads, next);
            } catch (UnreadableInputException e) {
                dumpError = "a jdk.ThreadDump event of the recording could not be read: " + e.getMessage();
            }
        }
    }
}
