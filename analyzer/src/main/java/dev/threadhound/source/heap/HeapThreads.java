package dev.threadhound.source.heap;

import dev.threadhound.model.heap.HeapThread;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongToIntFunction;

/**
 * The threads of a heap dump: each thread-object root with its stack trace and the objects its frames hold (the
 * Java-frame and JNI-local roots of the same thread). A {@code java.lang.Thread} keeps its state and daemon flag in
 * its own fields up to JDK 18 and in a {@code holder} from JDK 19 on; both are read.
 */
final class HeapThreads {

    private HeapThreads() {
    }

    static List<HeapThread> read(HeapGraph heap, HprofStacks stacks, LongToIntFunction index) {
        Map<Integer, List<HeapThread.FrameRoot>> frames = new HashMap<>();
        for (GcRoot root : heap.getGcRoots()) {
            int serial;
            int frame;
            if (root instanceof GcRoot.JavaFrame f) {
                serial = f.getThreadSerialNumber();
                frame = f.getFrameNumber();
            } else if (root instanceof GcRoot.JniLocal l) {
                serial = l.getThreadSerialNumber();
                frame = l.getFrameNumber();
            } else {
                continue;
            }
            int node = index.applyAsInt(root.getId());
            if (node >= 0) {
                frames.computeIfAbsent(serial, k -> new ArrayList<>()).add(new HeapThread.FrameRoot(frame, node));
            }
        }
        List<HeapThread> threads = new ArrayList<>();
        for (GcRoot root : heap.getGcRoots()) {
            if (!(root instanceof GcRoot.ThreadObject t)) {
                continue;
            }
            HeapObject object = heap.findObjectByIdOrNull(t.getId());
            if (!(object instanceof HeapObject.HeapInstance thread) || !thread.instanceOf("java.lang.Thread")) {
                continue;
            }
            Long id = longField(thread, "tid");
            if (id == null) {
                continue;
            }
            HeapField name = thread.get("java.lang.Thread", "name");
            HeapField blocker = thread.get("java.lang.Thread", "parkBlocker");
            Long blockerId = blocker == null ? null : blocker.getValue().getAsNonNullObjectId();
            threads.add(new HeapThread(id,
                    name == null ? null : name.getValue().readAsJavaString(),
                    daemon(thread),
                    state(thread),
                    stacks.stack(t.getStackTraceSerialNumber()),
                    object.getObjectIndex(),
                    blockerId == null ? -1 : index.applyAsInt(blockerId),
                    frames.getOrDefault(t.getThreadSerialNumber(), List.of())));
        }
        return threads;
    }

    /** {@code Thread.State} name from the JVMTI status bits, as {@code jdk.internal.misc.VM.toThreadState} reads them. */
    private static String state(HeapObject.HeapInstance thread) {
        HeapField status = holderOrOwn(thread, "threadStatus");
        Integer s = status == null ? null : status.getValue().getAsInt();
        if (s == null) {
            return null;
        }
        if ((s & 0x4) != 0) {
            return "RUNNABLE";
        }
        if ((s & 0x400) != 0) {
            return "BLOCKED";
        }
        if ((s & 0x10) != 0) {
            return "WAITING";
        }
        if ((s & 0x20) != 0) {
            return "TIMED_WAITING";
        }
        if ((s & 0x2) != 0) {
            return "TERMINATED";
        }
        return (s & 0x1) == 0 ? "NEW" : "RUNNABLE";
    }

    private static boolean daemon(HeapObject.HeapInstance thread) {
        HeapField daemon = holderOrOwn(thread, "daemon");
        return daemon != null && Boolean.TRUE.equals(daemon.getValue().getAsBoolean());
    }

    private static HeapField holderOrOwn(HeapObject.HeapInstance thread, String field) {
        HeapField own = thread.get("java.lang.Thread", field);
        if (own != null) {
            return own;
        }
        HeapField holder = thread.get("java.lang.Thread", "holder");
        HeapObject.HeapInstance h = holder == null ? null : holder.getValueAsInstance();
        return h == null ? null : h.get("java.lang.Thread$FieldHolder", field);
    }

    private static Long longField(HeapObject.HeapInstance thread, String field) {
        HeapField f = thread.get("java.lang.Thread", field);
        return f == null ? null : f.getValue().getAsLong();
    }
}
