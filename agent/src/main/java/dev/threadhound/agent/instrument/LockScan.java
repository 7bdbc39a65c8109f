package dev.threadhound.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A first, cheap read of a class (no debug information, no frames): which of its methods take or release a lock,
 * with their local variable counts. Most classes have none and are left exactly as they were.
 */
final class LockScan extends ClassVisitor {

    /**
     * How to rewrite one method.
     *
     * @param maxLocals         its local variable slots: the inserted code's own come after them
     * @param selfCoveringRange it has an exception range that covers its own handler (javac's around the
     *                          monitorexit of a synchronized block's exceptional exit): no call may be inserted into
     *                          it ({@link ExceptionRanges})
     */
    record Plan(int maxLocals, boolean selfCoveringRange) {
    }

    /** Method name plus descriptor -> how to rewrite it, for the methods to rewrite. */
    final Map<String, Plan> methods = new HashMap<>();
    int version;

    private LockScan() {
        super(Opcodes.ASM9);
    }

    static LockScan of(ClassReader reader) {
        LockScan scan = new LockScan();
        reader.accept(scan, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scan;
    }

    @Override
    public void visit(int classVersion, int access, String name, String signature, String superName, String[] interfaces) {
        version = classVersion;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return null;
        }
        String key = name + descriptor;
        boolean synchronizedBody = LockingMethod.synchronizedBody(access, name, version);
        return new MethodVisitor(Opcodes.ASM9) {
            private boolean locks = synchronizedBody;
            private final List<Label[]> ranges = new ArrayList<>();
            private boolean rangeAnnotations;
            /** Where each label is, counted in instructions (the reader's labels carry no offset of their own). */
            private final Map<Label, Integer> at = new HashMap<>();
            private int position;

            @Override
            public void visitLabel(Label label) {
                at.put(label, position);
            }

            @Override
            public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                ranges.add(new Label[] {start, end, handler});
            }

            @Override
            public org.objectweb.asm.AnnotationVisitor visitTryCatchAnnotation(int typeRef, TypePath typePath,
                                                                               String descriptor, boolean visible) {
                rangeAnnotations = true;
                return null;
            }

            @Override
            public void visitInsn(int opcode) {
                position++;
                locks |= opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                position++;
                locks |= LockCall.of(opcode, owner, method, desc) != null;
            }

            @Override
            public void visitIntInsn(int opcode, int operand) {
                position++;
            }

            @Override
            public void visitVarInsn(int opcode, int varIndex) {
                position++;
            }

            @Override
            public void visitTypeInsn(int opcode, String type) {
                position++;
            }

            @Override
            public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                position++;
            }

            @Override
            public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
                                               Object... arguments) {
                position++;
            }

            @Override
            public void visitJumpInsn(int opcode, Label label) {
                position++;
            }

            @Override
            public void visitLdcInsn(Object value) {
                position++;
            }

            @Override
            public void visitIincInsn(int varIndex, int increment) {
                position++;
            }

            @Override
            public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
                position++;
            }

            @Override
            public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
                position++;
            }

            @Override
            public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
                position++;
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                if (locks) {
                    methods.put(key, new Plan(maxLocals, !rangeAnnotations && ranges.stream().anyMatch(this::coversItsHandler)));
                }
            }

            private boolean coversItsHandler(Label[] range) {
                int handler = at.getOrDefault(range[2], -1);
                return handler >= at.getOrDefault(range[0], Integer.MAX_VALUE) && handler < at.getOrDefault(range[1], -1);
            }
        };
    }
}
