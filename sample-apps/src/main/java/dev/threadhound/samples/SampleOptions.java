package dev.threadhound.samples;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --duration=10s} and {@code --bug=<mode>}, checked against what a workload allows. */
public record SampleOptions(Duration duration, String bug) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    public static SampleOptions parse(String workload, String[] args, Duration defaultDuration, List<String> bugs)
            throws IllegalArgumentException {
        Duration duration = defaultDuration;
        String bug = "none";
        for (String arg : args) {
            if (arg.startsWith("--duration=")) {
                duration = duration(workload, arg.substring("--duration=".length()));
            } else if (arg.startsWith("--bug=")) {
                bug = arg.substring("--bug=".length());
                if (!bugs.contains(bug)) {
                    throw new IllegalArgumentException(workload + ": unknown --bug '" + bug + "'; allowed: " + String.join(", ", bugs));
                }
            } else {
                throw new IllegalArgumentException(workload + ": unknown argument '" + arg
                        + "'; allowed: --duration=<n>ms|s|m, --bug=" + String.join("|", bugs));
            }
        }
        return new SampleOptions(duration, bug);
    }

    private static Duration duration(String workload, String text) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(workload + ": bad --duration '" + text + "'; allowed: a number with ms, s or m, such as 10s");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
