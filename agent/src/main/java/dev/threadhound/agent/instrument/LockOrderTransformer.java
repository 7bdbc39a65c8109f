package dev.threadhound.agent.instrument;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.bootstrap.LockHooks;
import dev.threadhound.agent.track.LockSites;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Type;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;

/**
 * Rewrites the lock instructions of every application class loaded after start ({@link LockingMethod}). The JDK
 * (boot and platform loaders, and {@code java/}, {@code jdk/}, {@code sun/}, {@code com/sun/} classes anywhere) and
 * threadhound itself are left alone. A class without locks costs one quick read and stays exactly as it was; a
 * class the rewrite fails on stays as it was too, with one line saying so, and nothing is thrown at class loading.
 */
final class LockOrderTransformer implements ClassFileTransformer {

    private static final List<String> LEFT_ALONE = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/",
            "dev/threadhound/agent/", "dev/threadhound/shaded/", "dev/threadhound/model/", "dev/threadhound/finding/",
            "dev/threadhound/detect/", "dev/threadhound/report/", "dev/threadhound/source/", "dev/threadhound/cli/",
            "dev/threadhound/junit");

    private final LockSites sites;
    private final String bridge = Type.getInternalName(LockHooks.class);
    private final ClassLoader platform = ClassLoader.getPlatformClassLoader();
    private final ClassLoader own = LockOrderTransformer.class.getClassLoader();

    LockOrderTransformer(LockSites sites) {
        this.sites = sites;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (loader == null || loader == platform || loader == own || className == null || leftAlone(className)) {
            return null;
        }
        try {
            return rewrite(bytes);
        } catch (Throwable t) {
            Log.line("lockOrder: " + className.replace('/', '.') + " is not tracked, its bytecode could not be"
                    + " rewritten (" + t + ")");
            return null;
        }
    }

    /** The rewritten class, or null when it takes no lock. */
    byte[] rewrite(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        LockScan scan = LockScan.of(bytes, reader);
        if (scan.methods.isEmpty()) {
            return null;
        }
        // Given the reader, the writer copies every method left alone byte for byte; frames are kept as they were
        // (computing them would load classes from inside the transformer).
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new LockingClass(writer, scan, bridge, sites), 0);
        return writer.toByteArray();
    }

    static boolean leftAlone(String className) {
        for (String prefix : LEFT_ALONE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
