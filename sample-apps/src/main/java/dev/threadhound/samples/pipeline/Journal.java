package dev.threadhound.samples.pipeline;

/**
 * {@code --bug=tiny-waits}: four stages append every item's trace to one shared {@link StringBuffer}, whose every
 * method is {@code synchronized}. Each append holds the monitor for well under a microsecond, so no single wait
 * comes near a JFR threshold, yet a stage is blocked on the buffer most of the time.
 */
final class Journal {

    private static final int STAGES = 4;
    private static final int FLUSH_AT = 1 << 16;

    private final StringBuffer trace = new StringBuffer();

    /** The stages append until the JVM exits (they are daemons), so a report at exit still finds them at it. */
    void start() {
        for (int i = 1; i <= STAGES; i++) {
            String stage = "stage-" + i;
            PipelineWorkload.daemon("pipeline-journal-" + i, () -> {
                for (long item = 0; ; item++) {
                    record(stage, item);
                }
            });
        }
    }

    private void record(String stage, long item) {
        trace.append(stage).append(':').append(item).append('\n');
        if (trace.length() > FLUSH_AT) {
            trace.setLength(0);
        }
    }
}
