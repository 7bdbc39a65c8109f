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

    private BootstrapBridge() {
    }

    /** Defines the bridge; returns why it could not, or null. Called by the launcher before the agent starts. */
    public static String define(Instrumentation inst) {
        try {
            ModuleAccess.open(inst);
            MethodHandles.Lookup javaLang = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
            for (String name : CLASSES) {
                if (!alreadyDefined(name)) {
                    javaLang.defineClass(bytes(name));
                }
            }
            return null;
        } catch (Exception | LinkageError e) {
            return "cannot give the JDK classes the agent's bridge (" + e + ")";
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
