package dev.threadhound.samples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A child JVM's {@code -Xlog:safepoint:file=...:uptimemillis} log: every time the JVM stopped all application
 * threads, for what and for how long. The longest stop within a phase is the worst pause anyone saw then.
 */
record Safepoints(List<Pause> pauses) {

    /** {@code [1234ms] Safepoint "ThreadDump", ... Total: 8452 ns} on JDK 17 and 25 alike. */
    private static final Pattern LINE = Pattern.compile("^\\[(\\d+)ms\\] Safepoint \"([^\"]+)\".*Total: (\\d+) ns");

    record Pause(long uptimeMillis, String operation, long nanos) {
    }

    static Safepoints read(Path log) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                pauses.add(new Pause(Long.parseLong(m.group(1)), m.group(2), Long.parseLong(m.group(3))));
            }
        }
        return new Safepoints(pauses);
    }

    /** {@code 12.34 (ThreadDump)}: the longest pause that ended between the two uptimes, or {@code 0} if none. */
    String longest(Long fromMillis, Long toMillis) {
        if (fromMillis == null || toMillis == null) {
            return "?";
        }
        Pause worst = null;
        for (Pause p : between(fromMillis, toMillis)) {
            if (worst == null || p.nanos() > worst.nanos()) {
                worst = p;
            }
        }
        return worst == null ? "0" : String.format(Locale.ROOT, "%.2f(%s)", worst.nanos() / 1e6, worst.operation());
    }

    /**
     * {@code ThreadDump:3,Cleanup:2}: how many stops longer than {@code nanos} ended between the two uptimes, by what
     * they stopped for, most first; {@code 0} if none. Among ten thousand threads every stop takes milliseconds to
     * reach, so the count and kind of stops say more of what delays a ticker than the longest one alone.
     */
    String longerThan(long nanos, Long fromMillis, Long toMillis) {
        if (fromMillis == null || toMillis == null) {
            return "?";
        }
        Map<String, Integer> byOperation = new HashMap<>();
        for (Pause p : between(fromMillis, toMillis)) {
            if (p.nanos() > nanos) {
                byOperation.merge(p.operation(), 1, Integer::sum);
            }
        }
        if (byOperation.isEmpty()) {
            return "0";
        }
        return byOperation.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The pauses that ended between the two uptimes. */
    private List<Pause> between(long fromMillis, long toMillis) {
        return pauses.stream().filter(p -> p.uptimeMillis() >= fromMillis && p.uptimeMillis() <= toMillis).toList();
    }
}
