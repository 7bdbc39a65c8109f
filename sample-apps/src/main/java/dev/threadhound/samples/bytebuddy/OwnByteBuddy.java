package dev.threadhound.samples.bytebuddy;

import dev.threadhound.samples.Workload;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * {@code own-bytebuddy}: defines a class with the application's own ByteBuddy (whatever version is on the class
 * path; the samples jar does not carry one), prints which jar it came from, then runs {@code pipeline} with the
 * remaining options so the agent has something to find. It prints {@code ByteBuddy version: X}: the application
 * must see its own version, whatever the agent carries.
 */
public final class OwnByteBuddy implements Workload {

    @Override
    public String name() {
        return "own-bytebuddy";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "own-bytebuddy: uses the application's own ByteBuddy (put a byte-buddy jar on the class path),",
                "  then runs pipeline with the same options, e.g. own-bytebuddy --bug=deadlock --duration=5s");
    }

    @Override
    public int run(String[] args) throws Exception {
        Class<?> byteBuddy;
        try {
            byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
        } catch (ClassNotFoundException e) {
            System.err.println("own-bytebuddy: no net.bytebuddy.ByteBuddy on the class path; add a byte-buddy jar with -cp");
            return 2;
        }
        Object builder = byteBuddy.getMethod("subclass", Class.class).invoke(byteBuddy.getConstructor().newInstance(), Object.class);
        Object unloaded = builder.getClass().getMethod("make").invoke(builder);
        Method load = unloaded.getClass().getMethod("load", ClassLoader.class);
        Object loaded = load.invoke(unloaded, OwnByteBuddy.class.getClassLoader());
        Class<?> made = (Class<?>) loaded.getClass().getMethod("getLoaded").invoke(loaded);
        System.out.println("own-bytebuddy: made " + made.getName() + " with ByteBuddy from "
                + byteBuddy.getProtectionDomain().getCodeSource().getLocation());
        System.out.println("ByteBuddy version: " + versionOf(byteBuddy));
        return new dev.threadhound.samples.pipeline.PipelineWorkload().run(args);
    }

    /** ByteBuddy's jar names its version only in its OSGi manifest header, not as Implementation-Version. */
    private static String versionOf(Class<?> byteBuddy) {
        try (JarFile jar = new JarFile(new File(byteBuddy.getProtectionDomain().getCodeSource().getLocation().toURI()))) {
            Manifest manifest = jar.getManifest();
            String version = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
            return version != null ? version : "unknown";
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return "unknown (" + e + ")";
        }
    }
}
