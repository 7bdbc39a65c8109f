package dev.threadhound.source.heap;

import dev.threadhound.model.heap.HeapRoot;
import dev.threadhound.model.heap.HeapThread;
import dev.threadhound.model.heap.ReferenceGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapGraph;
import shark.HeapObject;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Shark heap graph as the model's reference graph: nodes are Shark's object indexes, references are read from
 * each object's record on demand. Reading a node's references costs one record read (Shark keeps a small cache);
 * the layout of each class is worked out once.
 */
final class SharkGraph implements ReferenceGraph {

    private final HeapGraph heap;
    /**
     * Object ids by node. Shark numbers classes first, then instances, object arrays and primitive arrays, each kind
     * sorted by id; but (version 2.14) it gives a primitive array an index shifted by the number of primitive arrays
     * instead of object arrays, its findObjectByIndex refuses index 0 and every primitive array, and its id lookup
     * reads the index byte by byte. So the nodes here are Shark's indexes corrected, and an id is looked up in
     * these arrays (8 bytes per object, and several times faster).
     */
    private final long[] ids;
    private final int[] kindStarts;
    private final int firstPrimitiveArray;
    private int lastNode = -1;
    private HeapObject lastObject;
    private final ClassShape[] shapes;
    private final List<HeapRoot> roots;
    private final List<HeapThread> threads;

    SharkGraph(HeapGraph heap, HprofStacks stacks, ObjectIds objectIds) {
        this.heap = heap;
        int classes = heap.getClassCount();
        int instances = classes + heap.getInstanceCount();
        this.firstPrimitiveArray = instances + heap.getObjectArrayCount();
        // [from, to) of each kind: instances, object arrays, primitive arrays, classes
        this.kindStarts = new int[] {classes, instances, instances, firstPrimitiveArray, firstPrimitiveArray,
                heap.getObjectCount(), 0, classes};
        this.ids = new long[heap.getObjectCount()];
        this.shapes = new ClassShape[classes];
        int next = 0;
        for (Iterator<HeapObject.HeapClass> it = heap.getClasses().iterator(); it.hasNext(); ) {
            ids[next++] = it.next().getObjectId();
        }
        for (long[] kind : new long[][] {objectIds.instances, objectIds.objectArrays, objectIds.primitiveArrays}) {
            System.arraycopy(kind, 0, ids, next, kind.length);
            next += kind.length;
        }
        if (next != ids.length) {
            throw new IllegalStateException("the dump lists " + next + " objects, its index " + ids.length);
        }
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
        int at = java.util.Arrays.binarySearch(ids, 0, shapes.length, classId);
        if (at < 0) {
            throw new IllegalStateException("an instance of class " + Long.toHexString(classId) + ", which the dump lacks");
        }
        ClassShape shape = shapes[at];
        if (shape == null) {
            shape = ClassShape.of(heap, heap.findObjectById(classId).getAsClass());
            shapes[at] = shape;
        }
        return shape;
    }

    /** A walk asks whether a node is threadhound's and then for its references: one lookup serves both. */
    private HeapObject object(int node) {
        if (node == lastNode && lastObject != null) {
            return lastObject;
        }
        HeapObject object = node == 0 || node >= firstPrimitiveArray ? heap.findObjectById(ids[node]) : heap.findObjectByIndex(node);
        lastNode = node;
        lastObject = object;
        return object;
    }

    /** The node of an object id, or -1 for null and for ids the dump does not hold. */
    private int index(long id) {
        if (id == 0) {
            return -1;
        }
        // instances first, then object arrays, primitive arrays and classes: the order references point to them
        for (int k = 0; k < kindStarts.length; k += 2) {
            int found = java.util.Arrays.binarySearch(ids, kindStarts[k], kindStarts[k + 1], id);
            if (found >= 0) {
                return found;
            }
        }
        return -1;
    }
}
