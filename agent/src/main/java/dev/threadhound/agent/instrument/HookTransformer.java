package dev.threadhound.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites the JDK classes that have {@link HookPoint}s; every other class is passed over after one map lookup.
 * A class that cannot be rewritten stays as it was and the reason is collected, never thrown at the JVM.
 */
final class HookTransformer implements ClassFileTransformer {

    private final Map<String, List<HookPoint>> hooks;
    private final List<String> errors;
    private final Set<String> rewrittenAtLoad = ConcurrentHashMap.newKeySet();

    HookTransformer(Map<String, List<HookPoint>> hooks, List<String> errors) {
        this.hooks = hooks;
        this.errors = errors;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        List<HookPoint> points = loader == null ? hooks.get(className) : null;
        if (points == null) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            // Given the reader, the writer copies every method we leave alone byte for byte.
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new HookedClass(writer, points), 0);
            byte[] rewritten = writer.toByteArray();
            if (redefined == null) {
                rewrittenAtLoad.add(className);
            }
            return rewritten;
        } catch (Throwable t) {
            errors.add(className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /** Whether the class was rewritten as it was loaded (then it needs no retransformation). */
    boolean rewrittenAtLoad(String className) {
        return rewrittenAtLoad.contains(className);
    }
}
