package dev.threadhound.agent.track;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;

/**
 * A class loader of its own for a copy of one class, as an application server gives each deployed application: once
 * nothing holds the copy, the loader and the class can be collected, which is what an undeployed application needs.
 */
public final class ThrowawayLoader extends ClassLoader {

    private final String copied;

    private ThrowawayLoader(Class<?> original) {
        super(original.getClassLoader());
        this.copied = original.getName();
    }

    /** A copy of {@code original}, defined by a loader of its own. */
    public static Class<?> copyOf(Class<?> original) {
        try {
            return new ThrowawayLoader(original).loadClass(original.getName());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the referent is collected within a few collections. */
    public static boolean collected(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        return ref.get() == null;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(copied)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = bytes(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            return loaded;
        }
    }

    private byte[] bytes(String name) {
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
