package dev.threadhound.agent.options;

import dev.threadhound.detect.DetectOptions;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent options of the contract. Agent arguments win over {@code threadhound.<key>} system properties; a key
 * given in neither takes its default.
 *
 * @param proveMaxHeap {@code prove}: 0 when off; else leak candidates are proven by a heap dump while the heap in
 *                     use is below this many bytes ({@code prove=on} is {@link #PROVE_DEFAULT_LIMIT})
 * @param cpuBudget    {@code cpuBudget}: share of one core the agent's threads (detector cycles, JFR stream) may use
 *                     before cycles come less often than {@code interval} (never less often than {@code stuckAfter});
 *                     1 when {@code off}
 * @param tasks        {@code tasks}: whether the pools' per-task hooks are installed (a stuck task's class and
 *                     submission site, task timings); off, nothing of the agent runs per task
 * @param ignore       {@code ignore}: {@code class.method} prefixes of frames whose findings are not reported
 */
public record AgentOptions(
        int port,
        String host,
        Path report,
        Duration stuckAfter,
        Duration interval,
        Duration contentionThreshold,
        boolean jfr,
        int pileUp,
        long proveMaxHeap,
        boolean lockOrder,
        double cpuBudget,
        boolean tasks,
        Path classCache,
        List<String> ignore) {

    public static final List<String> KEYS = List.of("port", "host", "report", "stuckAfter", "interval",
            "contentionThreshold", "jfr", "pileUp", "prove", "lockOrder", "cpuBudget", "tasks", "classCache",
            "ignore");

    /** One percent of a core: ten thousand parked threads are looked at every few seconds instead of every second. */
    public static final double CPU_BUDGET_DEFAULT = 0.01;

    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");

    /** The heap in use up to which {@code prove=on} dumps it: a dump pauses the JVM for about a second per GB. */
    public static final long PROVE_DEFAULT_LIMIT = 256L * 1024 * 1024;

    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmg])", Pattern.CASE_INSENSITIVE);

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    /** A package, class or method name, or the start of one: what a frame's {@code class.method} may start with. */
    private static final Pattern FRAME_PREFIX = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$.]*");

    public AgentOptions {
        ignore = List.copyOf(ignore);
    }

    public static AgentOptions defaults() {
        return new AgentOptions(9404, "127.0.0.1", null, Duration.ofSeconds(30), Duration.ofSeconds(1),
                Duration.ofMillis(10), true, DetectOptions.DEFAULT_PILE_UP, 0, false, CPU_BUDGET_DEFAULT, true,
                defaultClassCache(), List.of());
    }

    /** {@code $XDG_CACHE_HOME/threadhound}, else {@code ~/.cache/threadhound}; null without a home directory. */
    static Path defaultClassCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Paths.get(xdg, "threadhound");
        }
        String home = System.getProperty("user.home");
        return home == null || home.isBlank() || home.equals("?") ? null : Paths.get(home, ".cache", "threadhound");
    }

    /**
     * What is wrong with the options this JVM was given, or null; asked before the bridge is defined in
     * {@code java.base}, so an agent that stays off leaves the JVM as it was.
     */
    public static String problemWith(String agentArgs) {
        try {
            parse(agentArgs, System.getProperties());
            return null;
        } catch (BadOptionException e) {
            return e.getMessage();
        }
    }

    public static AgentOptions parse(String agentArgs, Properties systemProperties) throws BadOptionException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            String fromProperty = systemProperties.getProperty("threadhound." + key);
            if (fromProperty != null) {
                values.put(key, fromProperty.trim());
            }
        }
        if (agentArgs != null && !agentArgs.isBlank()) {
            for (String pair : agentArgs.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = (eq < 0 ? pair : pair.substring(0, eq)).trim();
                if (!KEYS.contains(key)) {
                    throw new BadOptionException("unknown option '" + key + "'; allowed: " + String.join(", ", KEYS));
                }
                if (eq < 0) {
                    throw new BadOptionException("option '" + key + "' needs a value, as in " + key + "=" + example(key));
                }
                values.put(key, pair.substring(eq + 1).trim());
            }
        }
        AgentOptions d = defaults();
        return new AgentOptions(
                values.containsKey("port") ? port(values.get("port")) : d.port(),
                values.containsKey("host") ? host(values.get("host")) : d.host(),
                values.containsKey("report") ? report(values.get("report")) : d.report(),
                values.containsKey("stuckAfter") ? duration("stuckAfter", values.get("stuckAfter"), false) : d.stuckAfter(),
                values.containsKey("interval") ? duration("interval", values.get("interval"), false) : d.interval(),
                values.containsKey("contentionThreshold")
                        ? duration("contentionThreshold", values.get("contentionThreshold"), true) : d.contentionThreshold(),
                values.containsKey("jfr") ? onOff("jfr", values.get("jfr")) : d.jfr(),
                values.containsKey("pileUp") ? threshold("pileUp", values.get("pileUp")) : d.pileUp(),
                values.containsKey("prove") ? prove(values.get("prove")) : d.proveMaxHeap(),
                values.containsKey("lockOrder") ? onOff("lockOrder", values.get("lockOrder")) : d.lockOrder(),
                values.containsKey("cpuBudget") ? cpuBudget(values.get("cpuBudget")) : d.cpuBudget(),
                values.containsKey("tasks") ? onOff("tasks", values.get("tasks")) : d.tasks(),
                values.containsKey("classCache") ? classCache(values.get("classCache")) : d.classCache(),
                values.containsKey("ignore") ? ignore(values.get("ignore")) : d.ignore());
    }

    /** {@code org.hsqldb.;com.acme.Poller.run}: prefixes separated by semicolons (commas separate the options). */
    private static List<String> ignore(String value) throws BadOptionException {
        List<String> prefixes = new ArrayList<>();
        for (String part : value.split(";")) {
            String prefix = part.trim();
            if (prefix.isEmpty()) {
                continue;
            }
            if (!FRAME_PREFIX.matcher(prefix).matches()) {
                throw new BadOptionException("bad value for ignore: '" + prefix + "'; allowed: the start of a package,"
                        + " class or method name (class.method), several separated by ';', as in ignore="
                        + example("ignore"));
            }
            prefixes.add(prefix);
        }
        return prefixes;
    }

    private static int port(String value) throws BadOptionException {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new BadOptionException("bad value for port: '" + value + "'; allowed: a number from 0 (endpoint off) to 65535");
    }

    private static String host(String value) throws BadOptionException {
        if (value.isEmpty()) {
            throw new BadOptionException("bad value for host: empty; allowed: an address to bind, such as 127.0.0.1 or 0.0.0.0");
        }
        return value;
    }

    private static Path report(String value) throws BadOptionException {
        if (value.isEmpty()) {
            throw new BadOptionException("bad value for report: empty; allowed: a file path such as report=/tmp/findings.json");
        }
        return Paths.get(value);
    }

    private static boolean onOff(String key, String value) throws BadOptionException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
                return true;
            case "off":
            case "false":
                return false;
            default:
                throw new BadOptionException("bad value for " + key + ": '" + value + "'; allowed: on, off");
        }
    }

    private static int threshold(String key, String value) throws BadOptionException {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message
        }
        throw new BadOptionException("bad value for " + key + ": '" + value + "'; allowed: a whole number of at least 1,"
                + " such as " + example(key));
    }

    /** {@code off}, {@code on} (below {@link #PROVE_DEFAULT_LIMIT}), or the limit itself: {@code 512m}, {@code 1g}. */
    private static long prove(String value) throws BadOptionException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "off":
            case "false":
                return 0;
            case "on":
            case "true":
                return PROVE_DEFAULT_LIMIT;
            default:
                Matcher m = SIZE.matcher(value);
                if (m.matches()) {
                    long amount = Long.parseLong(m.group(1));
                    long bytes = amount << switch (m.group(2).toLowerCase(Locale.ROOT)) {
                        case "k" -> 10;
                        case "m" -> 20;
                        default -> 30;
                    };
                    if (amount > 0 && amount < (1L << 33)) {
                        return bytes;
                    }
                }
                throw new BadOptionException("bad value for prove: '" + value + "'; allowed: off, on (while the heap in use"
                        + " is below 256m), or the heap limit itself with k, m or g, such as prove=512m");
        }
    }

    /** {@code off} (1: every interval, whatever a cycle costs) or a share of one core above 0, such as {@code 1%}. */
    private static double cpuBudget(String value) throws BadOptionException {
        if (value.equalsIgnoreCase("off")) {
            return 1;
        }
        Matcher m = PERCENT.matcher(value);
        if (m.matches()) {
            double percent = Double.parseDouble(m.group(1));
            if (percent > 0 && percent <= 100) {
                return percent / 100;
            }
        }
        throw new BadOptionException("bad value for cpuBudget: '" + value + "'; allowed: a share of one core above 0%"
                + " and up to 100%, such as cpuBudget=1%, or off (cycles every interval, whatever they cost)");
    }

    /** {@code on} (the default directory), {@code off} (null), or the directory itself. */
    private static Path classCache(String value) throws BadOptionException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "on":
            case "true":
                return defaultClassCache();
            case "off":
            case "false":
                return null;
            default:
                if (value.isEmpty()) {
                    throw new BadOptionException("bad value for classCache: empty; allowed: on (~/.cache/threadhound),"
                            + " off, or a directory of the user's own, such as classCache=/var/cache/threadhound");
                }
                try {
                    return Paths.get(value);
                } catch (java.nio.file.InvalidPathException e) {
                    throw new BadOptionException("bad value for classCache: '" + value + "' (" + e.getReason()
                            + "); allowed: on, off, or a directory");
                }
        }
    }

    /** {@code 1%} for 0.01, {@code 0.5%} for 0.005. */
    public static String percent(double share) {
        double p = share * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }

    static Duration duration(String key, String value, boolean zeroAllowed) throws BadOptionException {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
            if (!d.isZero() || zeroAllowed) {
                return d;
            }
        }
        throw new BadOptionException("bad value for " + key + ": '" + value + "'; allowed: a "
                + (zeroAllowed ? "" : "positive ") + "duration with ms, s or m, such as " + example(key));
    }

    private static String example(String key) {
        return switch (key) {
            case "port" -> "9404";
            case "host" -> "127.0.0.1";
            case "report" -> "/tmp/findings.json";
            case "interval" -> "1s";
            case "contentionThreshold" -> "10ms";
            case "jfr" -> "off";
            case "pileUp" -> "8";
            case "prove" -> "on";
            case "lockOrder" -> "on";
            case "cpuBudget" -> "1%";
            case "tasks" -> "off";
            case "classCache" -> "off";
            case "ignore" -> "org.hsqldb.;com.acme.Poller.run";
            default -> "30s";
        };
    }
}
