package dev.threadhound.samples.bytebuddy;

import dev.threadhound.samples.Workload;

import java.lang.reflect.Method;

/**
 * {@code own-bytebuddy}: defines a class with the application's own ByteBuddy (whatever version is on the class
 * path; the samples jar does not carry one), prints which jar it came from, then runs {@code pipeline} with the
 * remaining options so the agent has something to find.
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
        return new dev.threadhound.samples.pipeline.PipelineWorkload().run(args);
    }
}
