package dev.threadhound.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.util.List;

/** Applies a class's {@link HookPoint}s to each of its methods that has code. */
final class HookedClass extends ClassVisitor {

    private final List<HookPoint> points;

    HookedClass(ClassVisitor next, List<HookPoint> points) {
        super(Opcodes.ASM9, next);
        this.points = points;
    }

    /** The class with its hook points put in. */
    static byte[] rewrite(byte[] bytes, List<HookPoint> points) {
        ClassReader reader = new ClassReader(bytes);
        // Given the reader, the writer copies every method we leave alone byte for byte.
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new HookedClass(writer, points), 0);
        return writer.toByteArray();
    }

    @Override
    public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, method, descriptor, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return next;
        }
        List<HookPoint> matching = points.stream().filter(p -> p.matches(access, method, descriptor)).toList();
        return matching.isEmpty() ? next : new HookCalls(next, descriptor, matching);
    }
}
