package dev.threadhound.samples.workerpool;

/** A job: twenty milliseconds of waiting on a slow dependency. */
final class Jobs {

    static final long JOB_MILLIS = 20;

    private Jobs() {
    }

    static void process(int job) {
        try {
            Thread.sleep(JOB_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
