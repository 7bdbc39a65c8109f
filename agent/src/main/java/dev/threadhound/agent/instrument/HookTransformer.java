package dev.threadhound.agent.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rewrites the JDK classes that have {@link HookPoint}s; every other class is passed over after one map lookup.
 * A class that cannot be rewritten stays as it was and the reason is collected, never thrown at the JVM. With a
 * {@link RewrittenClassCache}, a class rewritten by an earlier JVM on the same JDK is taken from there, and ASM is
 * not even loaded.
 */
final class HookTransformer implements ClassFileTransformer {

    private final Map<String, List<HookPoint>> hooks;
    private final List<String> errors;
    private final RewrittenClassCache cache;
    private final Set<String> rewrittenAtLoad = ConcurrentHashMap.newKeySet();

    /** @param cache where rewritten classes are kept between JVMs, or null */
    HookTransformer(Map<String, List<HookPoint>> hooks, List<String> errors, RewrittenClassCache cache) {
        this.hooks = hooks;
        this.errors = errors;
        this.cache = cache;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        List<HookPoint> points = loader == null ? hooks.get(className) : null;
        if (points == null) {
            return null;
        }
        try {
            String key = cache != null ? key(points) : null;
            byte[] rewritten = cache != null ? cache.get(className, bytes, key) : null;
            if (rewritten == null) {
                rewritten = HookedClass.rewrite(bytes, points);
                if (cache != null) {
                    cache.put(className, bytes, key, rewritten);
                }
            }
            if (redefined == null) {
                rewrittenAtLoad.add(className);
            }
            return rewritten;
        } catch (Throwable t) {
            errors.add(className.replace('/', '.') + ": " + t);
            return null;
        }
    }

    /**
     * The hooks of a class as a key that is the same in every JVM (what else a rule holds is fixed by the agent's
     * build, which keys the cache too): {@code toString} will not do, as {@code Set.of} iterates in an order drawn
     * per JVM.
     */
    static String key(List<HookPoint> points) {
        StringBuilder key = new StringBuilder();
        for (HookPoint p : points) {
            key.append(p.hook()).append(p.exit() ? '>' : '<');
        }
        return key.toString();
    }

    /** Whether the class was rewritten as it was loaded (then it needs no retransformation). */
    boolean rewrittenAtLoad(String className) {
        return rewrittenAtLoad.contains(className);
    }
}
