package dev.threadhound.samples.e2e;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * {@code ClassLinking <jar> [<more jars>...]}: loads, links (the JVM verifies each class then) and initializes every
 * class of the first jar, with the others on the class path, and prints {@code initialized <n>, failed {<error>=<n>}},
 * naming each class that failed verification on a line of its own.
 */
public final class ClassLinking {

    private ClassLinking() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String jar : args) {
            urls.add(new File(jar).toURI().toURL());
        }
        List<String> names = new ArrayList<>();
        try (JarFile jar = new JarFile(args[0])) {
            jar.stream().map(ZipEntry::getName)
                    .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF") && !n.endsWith("module-info.class"))
                    .forEach(n -> names.add(n.substring(0, n.length() - ".class".length()).replace('/', '.')));
        }
        Map<String, Integer> failed = new TreeMap<>();
        int initialized = 0;
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLinking.class.getClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, true, loader);
                    initialized++;
                } catch (Throwable t) {
                    failed.merge(t.getClass().getSimpleName(), 1, Integer::sum);
                    if (t instanceof VerifyError) {
                        System.out.println("verify error: " + name + ": " + t.getMessage());
                    }
                }
            }
        }
        System.out.println("initialized " + initialized + ", failed " + failed);
    }
}
