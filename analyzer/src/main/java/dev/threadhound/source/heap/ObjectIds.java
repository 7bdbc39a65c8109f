package dev.threadhound.source.heap;

import shark.HprofHeader;
import shark.HprofRecordTag;
import shark.StreamingHprofReader;

import java.io.File;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * The ids of a dump's instances, object arrays and primitive arrays, each kind sorted: Shark's own order of the
 * objects, in plain arrays that answer "which object has this id" quickly. One streaming pass over the file.
 */
final class ObjectIds {

    final long[] instances;
    final long[] objectArrays;
    final long[] primitiveArrays;

    private ObjectIds(long[] instances, long[] objectArrays, long[] primitiveArrays) {
        this.instances = instances;
        this.objectArrays = objectArrays;
        this.primitiveArrays = primitiveArrays;
    }

    static ObjectIds read(File file, HprofHeader header) {
        Ids instances = new Ids();
        Ids objectArrays = new Ids();
        Ids primitiveArrays = new Ids();
        StreamingHprofReader.Companion.readerFor(file, header).readRecords(
                EnumSet.of(HprofRecordTag.INSTANCE_DUMP, HprofRecordTag.OBJECT_ARRAY_DUMP, HprofRecordTag.PRIMITIVE_ARRAY_DUMP),
                (tag, length, reader) -> {
                    switch (tag) {
                        case INSTANCE_DUMP -> instances.add(reader.readInstanceDumpRecord().getId());
                        case OBJECT_ARRAY_DUMP -> objectArrays.add(reader.readObjectArrayDumpRecord().getId());
                        case PRIMITIVE_ARRAY_DUMP -> primitiveArrays.add(reader.readPrimitiveArrayDumpRecord().getId());
                        default -> {
                        }
                    }
                });
        return new ObjectIds(instances.sorted(), objectArrays.sorted(), primitiveArrays.sorted());
    }

    /** A growing array of ids. */
    private static final class Ids {
        private long[] values = new long[1024];
        private int size;

        void add(long id) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = id;
        }

        long[] sorted() {
            long[] out = Arrays.copyOf(values, size);
            Arrays.sort(out);
            return out;
        }
    }
}
