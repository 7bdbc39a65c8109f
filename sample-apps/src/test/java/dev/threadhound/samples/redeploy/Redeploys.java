package dev.threadhound.samples.redeploy;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;

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
        // as a server loads an application: from where its classes are, with the JDK's classes as its parent
        URL where = DeployedApp.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader loader = new URLClassLoader(new URL[] {where}, ClassLoader.getPlatformClassLoader());
        Runnable app = (Runnable) loader.loadClass(DeployedApp.class.getName()).getDeclaredConstructor().newInstance();
        Thread deployment = new Thread(app, "deployment");
        deployment.setContextClassLoader(loader);
        deployment.start();
        deployment.join();
        loader.close();
        return new WeakReference<>(loader);
    }
}
