package dev.threadhound.source.heap;

import shark.HeapGraph;
import shark.HeapObject;
import shark.HprofRecord.HeapDumpRecord.ObjectRecord.ClassDumpRecord.FieldRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Where an instance of one class keeps its references: their offsets in the instance's field bytes (the class's
 * own fields first, then each superclass's, as HPROF lays them out), their names, and which one is a
 * {@code Reference}'s referent. Also whether the class is threadhound's own.
 */
final class ClassShape {

    /** HPROF basic type of an object reference. */
    private static final int OBJECT = 2;
    private static final String AGENT_LOADER = "dev.threadhound.agent.launch.AgentClassLoader";

    private final int idSize;
    private final int[] offsets;
    private final String[] names;
    private final boolean[] weak;
    private final boolean observer;

    private ClassShape(int idSize, int[] offsets, String[] names, boolean[] weak, boolean observer) {
        this.idSize = idSize;
        this.offsets = offsets;
        this.names = names;
        this.weak = weak;
        this.observer = observer;
    }

    static ClassShape of(HeapGraph heap, HeapObject.HeapClass type) {
        int idSize = heap.getIdentifierByteSize();
        List<Integer> offsets = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> weak = new ArrayList<>();
        int offset = 0;
        for (Iterator<HeapObject.HeapClass> it = type.getClassHierarchy().iterator(); it.hasNext(); ) {
            HeapObject.HeapClass c = it.next();
            boolean reference = c.getName().equals("java.lang.ref.Reference");
            for (FieldRecord field : c.readRecordFields()) {
                if (field.getType() == OBJECT) {
                    String name = c.instanceFieldName(field);
                    offsets.add(offset);
                    names.add(name);
                    weak.add(reference && name.equals("referent"));
                }
                offset += size(field.getType(), idSize);
            }
        }
        int[] o = offsets.stream().mapToInt(Integer::intValue).toArray();
        boolean[] w = new boolean[weak.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = weak.get(i);
        }
        return new ClassShape(idSize, o, names.toArray(String[]::new), w, observer(heap, type));
    }

    int references() {
        return offsets.length;
    }

    long read(byte[] values, int i) {
        int at = offsets[i];
        if (idSize == 4) {
            return ((values[at] & 0xFFL) << 24) | ((values[at + 1] & 0xFFL) << 16) | ((values[at + 2] & 0xFFL) << 8)
                    | (values[at + 3] & 0xFFL);
        }
        long id = 0;
        for (int b = 0; b < 8; b++) {
            id = (id << 8) | (values[at + b] & 0xFFL);
        }
        return id;
    }

    String name(int i) {
        return names[i];
    }

    boolean weak(int i) {
        return weak[i];
    }

    boolean observer() {
        return observer;
    }

    /** The agent's classes (and the analyzer and libraries its own class loader defines) only watch. */
    private static boolean observer(HeapGraph heap, HeapObject.HeapClass type) {
        String name = type.getName();
        if (name.startsWith("dev.threadhound.agent.") || name.startsWith("dev.threadhound.shaded.")) {
            return true;
        }
        long loader = type.readRecord().getClassLoaderId();
        HeapObject loaderObject = loader == 0 ? null : heap.findObjectByIdOrNull(loader);
        return loaderObject instanceof HeapObject.HeapInstance instance
                && instance.getInstanceClassName().equals(AGENT_LOADER);
    }

    /** Bytes of one field value of HPROF basic type {@code type}. */
    private static int size(int type, int idSize) {
        return switch (type) {
            case OBJECT -> idSize;
            case 4, 8 -> 1;      // boolean, byte
            case 5, 9 -> 2;      // char, short
            case 6, 10 -> 4;     // float, int
            case 7, 11 -> 8;     // double, long
            default -> throw new IllegalArgumentException("unknown HPROF field type " + type);
        };
    }
}
