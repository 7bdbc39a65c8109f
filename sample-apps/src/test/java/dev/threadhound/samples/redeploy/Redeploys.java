package dev.threadhound.samples.redeploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;

/**
 * A server that deploys {@link DeployedApp} in a class loader of its own, lets it run and stop, undeploys it, and
 * prints whether the loader was collected, round after round: {@code collected N of M}. An agent that keeps a class
 * of the application, or anything holding one, keeps the loader and all the application's memory.
 */
public final class Redeploys {

    private Redeploys() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        int collected = 0;
        for (int round = 0; round < rounds; round++) {
            WeakReference<ClassLoader> loader = deployAndUndeploy();
            for (int i = 0; i < 100 && loader.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            boolean gone = loader.get() == null;
            System.out.println("round " + round + ": " + (gone ? "collected" : "still loaded"));
            collected += gone ? 1 : 0;
        }
        System.out.println("redeploys: collected " + collected + " of " + rounds);
    }

    private static WeakReference<ClassLoader> deployAndUndeploy() throws Exception {
        ClassLoader loader = new AppLoader(Redeploys.class.getClassLoader());
        Runnable app = (Runnable) loader.loadClass(DeployedApp.class.getName()).getDeclaredConstructor().newInstance();
        Thread deployment = new Thread(app, "deployment");
        deployment.setContextClassLoader(loader);
        deployment.start();
        deployment.join();
        return new WeakReference<>(loader);
    }

    /** Defines the application's classes itself, as a server's loader for one application does. */
    private static final class AppLoader extends ClassLoader {
        AppLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(DeployedApp.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] bytes = bytes(name);
                    loaded = defineClass(name, bytes, 0, bytes.length);
                }
                return loaded;
            }
        }

        private byte[] bytes(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
