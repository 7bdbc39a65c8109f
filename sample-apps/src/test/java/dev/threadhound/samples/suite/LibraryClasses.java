package dev.threadhound.samples.suite;

import com.google.common.base.Joiner;

import java.io.File;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/** Loads and links every class of some packages of the library, as a test class that uses them widely would. */
final class LibraryClasses {

    private LibraryClasses() {
    }

    /** @return how many classes were loaded */
    static int load(String... packagePrefixes) throws Exception {
        File jar = new File(Joiner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        int loaded = 0;
        try (JarFile file = new JarFile(jar)) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                if (!name.endsWith(".class") || name.contains("-")) {
                    continue;
                }
                String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                for (String prefix : packagePrefixes) {
                    if (className.startsWith(prefix)) {
                        try {
                            Class.forName(className, false, LibraryClasses.class.getClassLoader());
                            loaded++;
                        } catch (LinkageError optionalDependencyMissing) {
                            // a class that needs a dependency the suite does not have
                        }
                        break;
                    }
                }
            }
        }
        return loaded;
    }
}
