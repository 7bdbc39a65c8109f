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
import shark.StreamingHprofReader;

import java.io.File;
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

    /**
     * Heap an analysis of a dump with {@code objects} objects takes at its peak: Shark's index (about 22 bytes an
     * object), the ids (8) and the walk (4, plus its queue): 34 to 50 bytes an object measured; with margin, and a fixed
     * part for classes, names and stacks.
     */
    public static long memoryNeeded(long objects) {
        return objects * BYTES_PER_OBJECT + 32L * 1024 * 1024;
    }

    private static final long BYTES_PER_OBJECT = 48;

    /**
     * The number of objects in a dump, before anything is built of it: one streaming pass that skips every record.
     *
     * @throws UnreadableInputException when the dump cannot be read to its end
     */
    public static long countObjects(Path file) throws UnreadableInputException {
        try {
            File f = file.toFile();
            long[] count = {0};
            StreamingHprofReader.Companion.readerFor(f, HprofHeader.Companion.parseHeaderOf(f)).readRecords(
                    EnumSet.of(HprofRecordTag.CLASS_DUMP, HprofRecordTag.INSTANCE_DUMP, HprofRecordTag.OBJECT_ARRAY_DUMP,
                            HprofRecordTag.PRIMITIVE_ARRAY_DUMP),
                    (tag, length, reader) -> {
                        count[0]++;
                        switch (tag) {
                            case CLASS_DUMP -> reader.skipClassDumpRecord();
                            case INSTANCE_DUMP -> reader.skipInstanceDumpRecord();
                            case OBJECT_ARRAY_DUMP -> reader.skipObjectArrayDumpRecord();
                            default -> reader.skipPrimitiveArrayDumpRecord();
                        }
                    });
            return count[0];
        } catch (Exception e) {
            throw new UnreadableInputException("is a truncated or damaged heap dump (" + reason(e) + ")", e);
        }
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
