package dev.threadhound.samples;

/** One runnable sample: {@code java -jar threadhound-samples.jar <name> [options]}. */
public interface Workload {

    String name();

    /** Lines for {@code --help}: what it does and each bug mode. */
    String help();

    /** Runs to completion; the exit status of the sample. */
    int run(String[] args) throws Exception;

    /**
     * Whether a successful run ends the way most programs do, by returning from {@code main}, so that the JVM exits
     * only once its non-daemon threads have ended; the other samples end with {@code System.exit}, whatever they
     * left running.
     */
    default boolean endsByReturning() {
        return false;
    }
}
