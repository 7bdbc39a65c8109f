package dev.threadhound.source.heap;

import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;
import dev.threadhound.source.dump.UnreadableInputException;
import shark.CloseableHeapGraph;
import shark.HprofHeader;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * An open heap dump: its reference graph, read lazily from the file, and the threads it records. Close it to
 * release the file.
 *
 * <p>Cost: opening indexes every object of the dump (one pass over the file; about 25 bytes of memory per object),
 * and reads the stack traces (a second, quick pass that skips the objects).
 */
public final class HeapDump implements AutoCloseable {

    private final CloseableHeapGraph heap;
    private final SharkGraph graph;
    private final long takenAt;

    private HeapDump(CloseableHeapGraph heap, SharkGraph graph, long takenAt) {
        this.heap = heap;
        this.graph = graph;
        this.takenAt = takenAt;
    }

    public static HeapDump open(Path file) throws UnreadableInputException {
        CloseableHeapGraph heap = null;
        try {
            File f = file.toFile();
            HprofHeader header = HprofHeader.Companion.parseHeaderOf(f);
            HprofStacks stacks = HprofStacks.read(f, header);
            heap = HprofHeapGraph.Companion.openHeapGraph(f, null, EnumSet.of(HprofRecordTag.ROOT_JNI_GLOBAL,
                    HprofRecordTag.ROOT_JNI_LOCAL, HprofRecordTag.ROOT_JAVA_FRAME, HprofRecordTag.ROOT_THREAD_OBJECT));
            SharkGraph graph = new SharkGraph(heap, stacks, ObjectIds.read(f, header));
            return new HeapDump(heap, graph, header.getHeapDumpTimestamp());
        } catch (Exception | StackOverflowError e) {
            close(heap);
            throw new UnreadableInputException("is a truncated or damaged heap dump (" + reason(e) + ")", e);
        }
    }

    /** Bytes a heap dump of {@code file}'s size needs to be analyzed, with margin; see the README's measurements. */
    public static long memoryNeeded(Path file) throws java.io.IOException {
        return memoryNeeded(Files.size(file));
    }

    /**
     * The index takes about 25 bytes per object, the walk 4, and a dump has at least one object per 40 bytes on
     * the heaps we measured (many small objects); so a third of the dump's size, plus a fixed part for the reader.
     */
    public static long memoryNeeded(long dumpBytes) {
        return dumpBytes / 3 + 32L * 1024 * 1024;
    }

    public ReferenceGraph graph() {
        return graph;
    }

    /** When the dump was written, by its own header: the snapshot's clock. */
    public long takenAt() {
        return takenAt;
    }

    /** The threads of the dump as a snapshot: state, stack, and what a parked thread waits on. */
    public Snapshot snapshot() {
        List<ThreadRecord> threads = new ArrayList<>();
        for (HeapThread t : graph.threads()) {
            String blockedOn = t.parkBlocker() >= 0
                    ? graph.className(t.parkBlocker()) + "@" + Long.toHexString(graph.objectId(t.parkBlocker()))
                    : null;
            threads.add(new ThreadRecord(t.id(), t.name(), false, t.daemon(), t.state() == null ? "RUNNABLE" : t.state(),
                    t.stack(), blockedOn, -1, null, -1, -1, -1, List.of(), -1, null, 0));
        }
        return Snapshot.ofThreads(takenAt, threads);
    }

    @Override
    public void close() {
        close(heap);
    }

    private static void close(CloseableHeapGraph heap) {
        if (heap != null) {
            try {
                heap.close();
            } catch (Exception ignored) {
                // the file is only read
            }
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        String line = message.lines().findFirst().orElse(message);
        return type + ": " + (line.length() > 160 ? line.substring(0, 160) + "..." : line);
    }
}
