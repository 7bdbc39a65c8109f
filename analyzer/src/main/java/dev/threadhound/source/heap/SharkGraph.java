package dev.threadhound.source.heap;

import dev.threadhound.model.heap.HeapRoot;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Shark heap graph as the model's reference graph: nodes are Shark's object indexes, references are read from
 * each object's record on demand. Reading a node's references costs one record read (Shark keeps a small cache);
 * the layout of each class is worked out once.
 */
final class SharkGraph implements ReferenceGraph {

    private final HeapGraph heap;
    /**
     * Shark numbers classes first, then instances, object arrays and primitive arrays, but (version 2.14) gives a
     * primitive array an index shifted by the number of primitive arrays instead of object arrays, and its
     * findObjectByIndex refuses index 0 and every primitive array. So the index of a primitive array is corrected
     * here, the first object is found by its id, and a primitive array (which holds no references) is named by kind.
     */
    private final long firstId;
    private final int firstPrimitiveArray;
    private final Map<Long, ClassShape> shapes = new HashMap<>();
    private final List<HeapRoot> roots;
    private final List<HeapThread> threads;

    SharkGraph(HeapGraph heap, HprofStacks stacks) {
        this.heap = heap;
        this.firstId = firstClassId(heap);
        this.firstPrimitiveArray = heap.getClassCount() + heap.getInstanceCount() + heap.getObjectArrayCount();
        this.roots = List.copyOf(readRoots());
        this.threads = List.copyOf(HeapThreads.read(heap, stacks, this::index));
    }

    @Override
    public int size() {
        return heap.getObjectCount();
    }

    @Override
    public void references(int node, ReferenceSink sink) {
        if (node >= firstPrimitiveArray) {
            return;
        }
        HeapObject object = object(node);
        if (object instanceof HeapObject.HeapInstance instance) {
            ClassShape shape = shape(instance.getInstanceClassId());
            if (shape.references() == 0) {
                return;
            }
            byte[] values = instance.readRecord().getFieldValues();
            for (int i = 0; i < shape.references(); i++) {
                int target = index(shape.read(values, i));
                if (target >= 0) {
                    sink.reference(target, shape.weak(i));
                }
            }
        } else if (object instanceof HeapObject.HeapObjectArray array) {
            for (long id : array.readRecord().getElementIds()) {
                int target = index(id);
                if (target >= 0) {
                    sink.reference(target, false);
                }
            }
        } else if (object instanceof HeapObject.HeapClass type) {
            for (Iterator<HeapField> it = type.readStaticFields().iterator(); it.hasNext(); ) {
                Long id = it.next().getValue().getAsNonNullObjectId();
                int target = id == null ? -1 : index(id);
                if (target >= 0) {
                    sink.reference(target, false);
                }
            }
        }
    }

    @Override
    public String via(int from, int to) {
        if (from >= firstPrimitiveArray) {
            return null;
        }
        HeapObject object = object(from);
        if (object instanceof HeapObject.HeapInstance instance) {
            ClassShape shape = shape(instance.getInstanceClassId());
            byte[] values = instance.readRecord().getFieldValues();
            for (int i = 0; i < shape.references(); i++) {
                if (index(shape.read(values, i)) == to) {
                    return shape.name(i);
                }
            }
        } else if (object instanceof HeapObject.HeapObjectArray array) {
            long[] ids = array.readRecord().getElementIds();
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] != 0 && index(ids[i]) == to) {
                    return "[" + i + "]";
                }
            }
        } else if (object instanceof HeapObject.HeapClass type) {
            for (Iterator<HeapField> it = type.readStaticFields().iterator(); it.hasNext(); ) {
                HeapField field = it.next();
                Long id = field.getValue().getAsNonNullObjectId();
                if (id != null && index(id) == to) {
                    return field.getName();
                }
            }
        }
        return null;
    }

    @Override
    public String className(int node) {
        if (node >= firstPrimitiveArray) {
            return "primitive array";
        }
        HeapObject object = object(node);
        if (object instanceof HeapObject.HeapInstance instance) {
            return instance.getInstanceClassName();
        }
        if (object instanceof HeapObject.HeapObjectArray array) {
            return array.getArrayClassName();
        }
        if (object instanceof HeapObject.HeapPrimitiveArray array) {
            return array.getArrayClassName();
        }
        return ((HeapObject.HeapClass) object).getName();
    }

    @Override
    public boolean observer(int node) {
        if (node >= firstPrimitiveArray) {
            return false;
        }
        HeapObject object = object(node);
        if (object instanceof HeapObject.HeapInstance instance) {
            return shape(instance.getInstanceClassId()).observer();
        }
        if (object instanceof HeapObject.HeapClass type) {
            return shape(type.getObjectId()).observer();
        }
        return false;
    }

    @Override
    public List<HeapRoot> roots() {
        return roots;
    }

    @Override
    public List<HeapThread> threads() {
        return threads;
    }

    /** The object id a node has in the dump (its address then). */
    long objectId(int node) {
        return node >= firstPrimitiveArray ? 0 : object(node).getObjectId();
    }

    /** Static fields first, in class order, then JNI globals: a chain then starts at a name a person knows. */
    private List<HeapRoot> readRoots() {
        List<HeapRoot> out = new ArrayList<>();
        for (Iterator<HeapObject.HeapClass> it = heap.getClasses().iterator(); it.hasNext(); ) {
            HeapObject.HeapClass type = it.next();
            if (shape(type.getObjectId()).observer()) {
                continue;
            }
            String owner = type.getSimpleName();
            for (Iterator<HeapField> fields = type.readStaticFields().iterator(); fields.hasNext(); ) {
                HeapField field = fields.next();
                Long id = field.getValue().getAsNonNullObjectId();
                int target = id == null ? -1 : index(id);
                if (target >= 0) {
                    out.add(new HeapRoot(target, owner + "." + field.getName()));
                }
            }
        }
        for (GcRoot root : heap.getGcRoots()) {
            if (root instanceof GcRoot.JniGlobal) {
                int target = index(root.getId());
                if (target >= 0) {
                    out.add(new HeapRoot(target, "JNI global"));
                }
            }
        }
        return out;
    }

    private ClassShape shape(long classId) {
        ClassShape shape = shapes.get(classId);
        if (shape == null) {
            shape = ClassShape.of(heap, heap.findObjectById(classId).getAsClass());
            shapes.put(classId, shape);
        }
        return shape;
    }

    private HeapObject object(int node) {
        return node == 0 ? heap.findObjectById(firstId) : heap.findObjectByIndex(node);
    }

    private static long firstClassId(HeapGraph heap) {
        for (Iterator<HeapObject.HeapClass> it = heap.getClasses().iterator(); it.hasNext(); ) {
            HeapObject.HeapClass type = it.next();
            if (type.getObjectIndex() == 0) {
                return type.getObjectId();
            }
        }
        return 0;
    }

    /** The node of an object id, or -1 for null and for ids the dump does not hold. */
    private int index(long id) {
        if (id == 0) {
            return -1;
        }
        HeapObject object = heap.findObjectByIdOrNull(id);
        if (object == null) {
            return -1;
        }
        if (object instanceof HeapObject.HeapPrimitiveArray) {
            return object.getObjectIndex() - heap.getPrimitiveArrayCount() + heap.getObjectArrayCount();
        }
        return object.getObjectIndex();
    }
}
