package dev.threadhound.agent.track;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Copies of a test's classes in class loaders of their own, as an application server loads each application it
 * deploys: once nothing holds the copy, its loader and the class can be collected, which is what an undeployed
 * application needs.
 */
public final class ClassCopies {

    private ClassCopies() {
    }

    /** A copy of {@code original}, loaded from where it was found by a loader that sees only that place and the JDK. */
    public static Class<?> copyOf(Class<?> original) {
        URL where = original.getProtectionDomain().getCodeSource().getLocation();
        try {
            return new URLClassLoader(new URL[] {where}, ClassLoader.getPlatformClassLoader())
                    .loadClass(original.getName());
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
}
