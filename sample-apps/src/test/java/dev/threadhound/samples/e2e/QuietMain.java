package dev.threadhound.samples.e2e;

/** An application that does nothing for the given milliseconds, then ends: what an agent alone makes of a JVM. */
public final class QuietMain {

    private QuietMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]));
        System.out.println("quiet: done");
    }
}
