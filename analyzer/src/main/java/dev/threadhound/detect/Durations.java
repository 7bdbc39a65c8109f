package dev.threadhound.detect;

/** Durations in summaries, the way a person says them: 850 ms, 3.2 s, 4 min 10 s. */
final class Durations {

    private Durations() {
    }

    static String text(long millis) {
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return (millis / 60_000) + " min " + (millis % 60_000) / 1000 + " s";
    }
}
