package dev.threadhound.samples.virtualserver;

import java.io.IOException;
import java.io.InputStream;

/**
 * Loads {@link TenantTemplate} afresh for a tenant, in a class loader of its own as plugin systems do, so its
 * static initializer runs again on the requesting thread.
 */
final class TenantTemplates {

    private TenantTemplates() {
    }

    static String load(long tenant) {
        try {
            Class<?> template = Class.forName(TenantTemplate.class.getName(), true, new TenantLoader(tenant));
            return (String) template.getField("BODY").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Defines TenantTemplate itself (child first); everything else comes from the application. */
    private static final class TenantLoader extends ClassLoader {

        TenantLoader(long tenant) {
            super("tenant-" + tenant, TenantTemplates.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(TenantTemplate.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                String resource = name.replace('.', '/') + ".class";
                try (InputStream in = getParent().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        }
    }
}
