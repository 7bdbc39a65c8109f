package dev.threadhound.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.Map;

/**
 * A first, cheap read of a class (no debug information, no frames): which of its methods take or release a lock,
 * with their local variable counts. Most classes have none and are left exactly as they were.
 */
final class LockScan extends ClassVisitor {

    /** Method name plus descriptor -> its max locals, for the methods to rewrite. */
    final Map<String, Integer> methods = new HashMap<>();
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

            @Override
            public void visitInsn(int opcode) {
                locks |= opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT;
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean isInterface) {
                locks |= LockCall.of(opcode, owner, method, desc) != null;
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                if (locks) {
                    methods.put(key, maxLocals);
                }
            }
        };
    }
}
