package dev.threadhound.samples;

/** One runnable sample: {@code java -jar threadhound-samples.jar <name> [options]}. */
public interface Workload {

    String name();

    /** Lines for {@code --help}: what it does and each bug mode. */
    String help();

    /** Runs to completion; the exit status of the sample. */
    int run(String[] args) throws Exception;
}
