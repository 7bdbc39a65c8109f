package dev.threadhound.agent.instrument;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.List;

/**
 * Inserts the bridge calls of the matching {@link HookPoint}s into one method: entry calls before its first
 * instruction, exit calls before each return. The inserted code only pushes (or, for the value returned, duplicates)
 * and calls a static method that returns nothing, so locals and stack map frames stay as they were; the bridge itself
 * never throws.
 */
final class HookCalls extends MethodVisitor {

    /** The most a hook call pushes: two references, or a copy of a {@code long} returned. */
    private static final int EXTRA_STACK = 2;

    private final Type[] args;
    private final int returnSize;
    private final List<HookPoint> points;

    HookCalls(MethodVisitor next, String descriptor, List<HookPoint> points) {
        super(Opcodes.ASM9, next);
        this.args = Type.getArgumentTypes(descriptor);
        this.returnSize = Type.getReturnType(descriptor).getSize();
        this.points = points;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        for (HookPoint p : points) {
            if (!p.exit()) {
                call(p);
            }
        }
    }

    @Override
    public void visitInsn(int opcode) {
        if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            for (HookPoint p : points) {
                if (p.exit()) {
                    call(p);
                }
            }
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        super.visitMaxs(maxStack + EXTRA_STACK, maxLocals);
    }

    private void call(HookPoint p) {
        for (HookPoint.Value v : p.passed()) {
            switch (v) {
                case THIS -> super.visitVarInsn(Opcodes.ALOAD, 0);
                case ARG_0 -> super.visitVarInsn(Opcodes.ALOAD, slotOf(0));
                case ARG_1 -> super.visitVarInsn(Opcodes.ALOAD, slotOf(1));
                case CURRENT_THREAD -> super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Thread", "currentThread",
                        "()Ljava/lang/Thread;", false);
                // at a return, the value returned is on top of the stack: the hook gets a copy
                case RETURNED -> super.visitInsn(returnSize == 2 ? Opcodes.DUP2 : Opcodes.DUP);
            }
        }
        super.visitMethodInsn(Opcodes.INVOKESTATIC, HookPoint.bridge(), p.hook(), p.hookDescriptor(), false);
    }

    /** Local variable slot of an argument of an instance method: {@code this} is slot 0, longs and doubles take two. */
    private int slotOf(int arg) {
        int slot = 1;
        for (int i = 0; i < arg; i++) {
            slot += args[i].getSize();
        }
        return slot;
    }
}
