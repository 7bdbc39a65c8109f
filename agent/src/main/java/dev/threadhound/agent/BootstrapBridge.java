package dev.threadhound.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * Gives the JDK classes the bridge their rewritten methods call. The build renames the bridge into
 * {@code java.lang} ({@code java.lang.ThreadhoundProbe}, {@code java.lang.ThreadhoundHooks}); it is defined there
 * through a lookup on {@code java.lang.Object}, which java.base opens to the agent's module alone. Unlike appending
 * a jar to the boot class path, this leaves class data sharing on for the application's own classes, so the JVM
 * prints no warning. Runs before any class that names the bridge is loaded.
 */
public final class BootstrapBridge {

    /** The bridge classes, named as in the sources; the build's relocation renames these strings with the classes. */
    private static final List<String> CLASSES = List.of(
            "dev.threadhound.agent.bootstrap.Probe", "dev.threadhound.agent.bootstrap.Hooks");

    /** The bridge of lock-order tracking, defined only when it is on. */
    private static final List<String> LOCK_ORDER_CLASSES = List.of(
            "dev.threadhound.agent.bootstrap.LockOrderProbe", "dev.threadhound.agent.bootstrap.HeldLocks",
            "dev.threadhound.agent.bootstrap.LockHooks");

    private BootstrapBridge() {
    }

    /** Defines the bridge; returns why it could not, or null. Called by {@link Launch} before the agent starts. */
    public static String define(Instrumentation inst) {
        try {
            ModuleAccess.open(inst);
            defineAll(CLASSES);
            return null;
        } catch (Exception | LinkageError e) {
            return "cannot give the JDK classes the agent's bridge (" + e + ")";
        }
    }

    /** Defines the bridge of lock-order tracking; returns why it could not, or null. After {@link #define}. */
    static String defineLockOrder() {
        try {
            defineAll(LOCK_ORDER_CLASSES);
            return null;
        } catch (Exception | LinkageError e) {
            return "cannot give application classes the lock-order bridge (" + e + ")";
        }
    }

    private static void defineAll(List<String> names) throws Exception {
        MethodHandles.Lookup javaLang = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
        for (String name : names) {
            if (!alreadyDefined(name)) {
                javaLang.defineClass(bytes(name));
            }
        }
    }

    /** A second copy of the agent finds the first one's bridge; it then stays off when it cannot install its probe. */
    private static boolean alreadyDefined(String name) {
        try {
            Class.forName(name, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] bytes(String name) throws IOException {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
