package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.TestLockProbe;
import dev.threadhound.agent.track.LockSites;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Run in a JVM of its own by {@link LockOrderTransformerTest}: loads a rewritten {@link LockShapes} and calls each of
 * its methods often enough for the JIT to compile them, so the test can read {@code -XX:+PrintCompilation}.
 */
public final class CompiledShapes {

    private CompiledShapes() {
    }

    public static void main(String[] args) throws Exception {
        TestLockProbe.fresh();
        byte[] original;
        try (InputStream in = LockShapes.class.getResourceAsStream("LockShapes.class")) {
            original = in.readAllBytes();
        }
        byte[] rewritten = new LockOrderTransformer(new LockSites()).rewrite(original);
        String name = LockShapes.class.getName();
        Class<?> shapes = new ClassLoader(CompiledShapes.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, rewritten, 0, rewritten.length) : super.loadClass(n, resolve);
            }
        }.loadClass(name);
        Object instance = shapes.getConstructor().newInstance();
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        Object c = new Object();
        for (int i = 0; i < 5_000; i++) {
            for (Method m : shapes.getDeclaredMethods()) {
                Object[] call = switch (m.getParameterCount()) {
                    case 0 -> new Object[0];
                    case 1 -> new Object[] {c};
                    case 2 -> m.getParameterTypes()[0] == Object.class ? new Object[] {c, new Object()} : new Object[] {a, b};
                    default -> new Object[] {a, b, c};
                };
                try {
                    m.setAccessible(true);
                    m.invoke(m.getName().equals("nested") || m.getName().equals("staticSynchronized") ? null : instance, call);
                } catch (java.lang.reflect.InvocationTargetException expected) {
                    // synchronizedThrows
                }
                Thread.interrupted();
            }
        }
        TestLockProbe.fresh();
        System.out.println("compiled shapes: done");
    }
}
