package dev.threadhound.samples.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * The programs {@link StartupCost} starts, one JVM each:
 * <ul>
 * <li>{@code hello}: prints nothing and ends — the whole JVM is start-up;</li>
 * <li>{@code live <millis>}: waits, so the agent's background start-up completes within the JVM's life;</li>
 * <li>{@code load <jar>}: loads (without initializing) every class of a library jar and prints
 *     {@code loaded <n> classes in <nanos> ns};</li>
 * <li>{@code settled-load <jar>}: the same, five seconds after start, once the agent's background start-up (the
 *     first detector cycle, the JFR stream, the MBean three seconds in) is over and only what each class load costs
 *     is left;</li>
 * <li>{@code exit <millis>}: lives that long, then prints {@code main returns at <epoch millis>} and returns: how
 *     long the JVM then takes to end.</li>
 * <li>{@code first-second}: from the first line of {@code main}, runs a fixed arithmetic kernel for one second of
 *     wall time and prints {@code kernels <n>}: what the application gets done while the agent starts in the
 *     background.</li>
 * </ul>
 */
public final class StartupWorkloads {

    private StartupWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "hello" -> { }
            case "live" -> Thread.sleep(Long.parseLong(args[1]));
            case "exit" -> {
                Thread.sleep(Long.parseLong(args[1]));
                System.out.println("main returns at " + System.currentTimeMillis());
            }
            case "load" -> load(new File(args[1]));
            case "settled-load" -> {
                Thread.sleep(5_000);
                load(new File(args[1]));
            }
            case "first-second" -> firstSecond();
            default -> throw new IllegalArgumentException("unknown workload " + args[0]);
        }
    }

    private static void load(File jar) throws Exception {
        List<String> names;
        try (JarFile file = new JarFile(jar)) {
            names = file.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.contains("-") && !n.startsWith("META-INF"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                    .toList();
        }
        int loaded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, StartupWorkloads.class.getClassLoader())) {
            long start = System.nanoTime();
            for (String name : names) {
                try {
                    Class.forName(name, false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // a class needing an optional dependency: not counted
                }
            }
            System.out.println("loaded " + loaded + " classes in " + (System.nanoTime() - start) + " ns");
        }
    }

    private static void firstSecond() {
        long end = System.nanoTime() + 1_000_000_000L;
        long kernels = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sink += (i * 31L) ^ (sink >>> 3);
            }
            kernels++;
        }
        System.out.println("kernels " + kernels + " " + (sink == 42 ? "!" : ""));
    }
}
