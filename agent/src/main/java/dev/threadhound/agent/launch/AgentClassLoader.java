package dev.threadhound.agent.launch;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the agent's own classes from {@code dev/threadhound/agent-classes/} in the agent jar, child first, so the
 * application never sees them and a copy of the analyzer on the application's class path never shadows ours.
 * Everything else (the JDK, the bootstrap bridge once defined in java.base) comes from the parent.
 */
final class AgentClassLoader extends ClassLoader {

    static final String PREFIX = "dev/threadhound/agent-classes/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    AgentClassLoader(File jarFile, ClassLoader parent) throws IOException {
        super("threadhound", parent);
        this.jar = new JarFile(jarFile, false);
        URL location = jarFile.toURI().toURL();
        this.jarUrl = "jar:" + location + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                // The bridge sits in the jar as java.lang classes: only the boot loader may define those.
                JarEntry entry = name.startsWith("java.") ? null
                        : jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
                c = entry != null ? define(name, entry) : getParent().loadClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> define(String name, JarEntry entry) throws ClassNotFoundException {
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    /** Read from the open jar: through a URL it would load and run the JDK's jar URL handler, 2 ms of premain. */
    @Override
    public InputStream getResourceAsStream(String name) {
        JarEntry own = jar.getJarEntry(hidden(name));
        if (own == null) {
            return getParent().getResourceAsStream(name);
        }
        try {
            return jar.getInputStream(own);
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    protected URL findResource(String name) {
        String hidden = hidden(name);
        if (jar.getJarEntry(hidden) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + hidden);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a resource of the agent's own sits in the jar. */
    private static String hidden(String name) {
        return PREFIX + (name.endsWith(".class")
                ? name.substring(0, name.length() - ".class".length()) + ".classdata"
                : name);
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL own = findResource(name);
        return own == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(own));
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        URL own = findResource(name);
        // Own resources only for our service files; the application's would name classes we cannot load.
        if (own != null) {
            return Collections.enumeration(Collections.singletonList(own));
        }
        return getParent().getResources(name);
    }
}
