package dev.threadhound.agent.instrument;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scan that decides which classes to rewrite walks bytecode by hand: on a thousand real classes (java.base's
 * java.util and java.util.concurrent, switches, wide instructions and all) it must find exactly the methods a full
 * ASM read finds.
 */
class LockScanTest {

    @Test
    void findsTheSameMethodsAsAFullReadOnRealClasses() throws IOException {
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        int classes = 0;
        int withLocks = 0;
        for (String dir : List.of("/modules/java.base/java/util", "/modules/java.base/java/util/concurrent",
                "/modules/java.base/java/util/concurrent/locks", "/modules/java.base/java/lang")) {
            try (Stream<Path> files = Files.list(jrt.getPath(dir))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    byte[] bytes = Files.readAllBytes(file);
                    ClassReader reader = new ClassReader(bytes);
                    Set<String> expected = lockMethods(reader);
                    assertThat(LockScan.of(bytes, reader).methods.keySet()).as(file.toString()).isEqualTo(expected);
                    classes++;
                    withLocks += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(classes).isGreaterThan(800);
        assertThat(withLocks).as("classes with locks among them").isGreaterThan(50);
    }

    @Test
    void findsTheSelfCoveringRangeOfASynchronizedBlock() throws IOException {
        byte[] bytes;
        try (var in = LockShapes.class.getResourceAsStream("LockShapes.class")) {
            bytes = in.readAllBytes();
        }
        var methods = LockScan.of(bytes, new ClassReader(bytes)).methods;
        assertThat(methods.get("fields()V").selfCoveringRange()).isTrue();
        assertThat(methods.get("reentrantLocks()V").selfCoveringRange()).as("try/finally only").isFalse();
        assertThat(methods.get("nested(Ljava/lang/Object;Ljava/lang/Object;)I").maxLocals()).isEqualTo(6);
    }

    /** What a full ASM read finds: synchronized methods, monitor instructions, calls of java.util.concurrent.locks. */
    private static Set<String> lockMethods(ClassReader reader) {
        Set<String> found = new HashSet<>();
        int version = reader.readUnsignedShort(6);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    return null;
                }
                String key = name + descriptor;
                if (LockingMethod.synchronizedBody(access, name, version)) {
                    found.add(key);
                }
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitInsn(int opcode) {
                        if (opcode == Opcodes.MONITORENTER || opcode == Opcodes.MONITOREXIT) {
                            found.add(key);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if ((opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE)
                                && owner.startsWith("java/util/concurrent/locks/")) {
                            found.add(key);
                        }
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return found;
    }
}
