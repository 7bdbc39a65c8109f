package dev.threadhound.cli;

import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;
import dev.threadhound.finding.Finding;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;
import dev.threadhound.source.dump.DumpedThreads;
import dev.threadhound.source.dump.UnreadableInputException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar threadhound-analyzer.jar analyze <file> [--json] [--stuck-after 30s]}. Exit status: 0 no
 * findings, 1 findings, 2 the input or the command line could not be used (one line on stderr says why).
 */
public final class Main {

    static final int NO_FINDINGS = 0;
    static final int FINDINGS = 1;
    static final int UNUSABLE = 2;

    private static final String USAGE = "usage: analyze <file> [--json] [--stuck-after 30s]";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    static final String HELP = String.join(System.lineSeparator(),
            "threadhound analyzer: finds deadlocks, stuck threads, lock contention and pinned virtual threads",
            "in a JFR recording or a thread dump, with the same detectors the threadhound agent runs live.",
            "",
            "  java -jar threadhound-analyzer.jar analyze <file> [--json] [--stuck-after 30s]",
            "",
            "<file> is told apart by its content:",
            "  a JFR recording        contention (jdk.JavaMonitorEnter, jdk.ThreadPark), pinned virtual threads",
            "                         (jdk.VirtualThreadPinned) and the threads of its jdk.ThreadDump events",
            "      jcmd <pid> JFR.start name=th; ...; jcmd <pid> JFR.dump name=th filename=app.jfr",
            "  a JSON thread dump     (JDK 21+; lists virtual threads too)",
            "      jcmd <pid> Thread.dump_to_file -format=json threads.json",
            "  a text thread dump     (-l adds the owners of java.util.concurrent locks)",
            "      jcmd <pid> Thread.print -l > threads.txt     or     jstack -l <pid> > threads.txt",
            "  a heap dump (HPROF)    leaks proven by heap reachability: waiting threads that nothing still",
            "                         running can reach, so nothing can ever wake them (no --stuck-after needed)",
            "      jcmd <pid> GC.heap_dump heap.hprof",
            "",
            "Options:",
            "  --json               print the findings JSON (schema threadhound/findings/v1) instead of text",
            "  --stuck-after D      a thread waiting without progress this long is stuck (default 30s; ms, s, m).",
            "                       A single dump cannot show how long a thread has waited; a recording whose",
            "                       thread dumps are at least D apart can.",
            "  --help               this text",
            "",
            "Exit status: 0 no findings, 1 findings, 2 the input could not be read (one line on stderr says why).");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole command, without exiting: returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        Duration stuckAfter = DetectOptions.defaults().stuckAfter();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    out.println(HELP);
                    return NO_FINDINGS;
                }
                case "--json" -> json = true;
                case "--stuck-after" -> {
                    if (i + 1 >= args.length) {
                        return unusable(err, "--stuck-after needs a duration such as 30s; " + USAGE);
                    }
                    stuckAfter = duration(args[++i]);
                    if (stuckAfter == null) {
                        return unusable(err, "bad value for --stuck-after: '" + args[i] + "'; allowed: a positive duration with ms, s or m, such as 30s");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        return unusable(err, "unknown option '" + arg + "'; " + USAGE);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.isEmpty() || !positional.get(0).equals("analyze")) {
            return unusable(err, (positional.isEmpty() ? "no command" : "unknown command '" + positional.get(0) + "'")
                    + "; " + USAGE + " (--help explains the inputs)");
        }
        if (positional.size() != 2) {
            return unusable(err, "analyze takes exactly one file; " + USAGE);
        }
        return analyze(Paths.get(positional.get(1)), json, stuckAfter, out, err);
    }

    private static int analyze(Path file, boolean json, Duration stuckAfter, PrintStream out, PrintStream err) {
        DumpedThreads input;
        List<Finding> findings;
        try {
            if (Inputs.isHeapDump(file)) {
                HeapInput heap = HeapInput.analyze(file);
                input = heap.input();
                findings = heap.findings();
            } else {
                input = Inputs.read(file);
                findings = Detectors.run(input.snapshot(), DetectOptions.defaults().withStuckAfter(stuckAfter), Detectors.standard());
            }
        } catch (UnreadableInputException e) {
            return unusable(err, "cannot analyze " + file + ": " + e.getMessage() + "; expected " + InputKind.ALLOWED);
        }
        if (json) {
            out.println(Json.write(FindingsReport.of(Instant.now(), findings)));
            input.notes().forEach(note -> err.println("threadhound: note: " + note));
        } else {
            TextReport.print(out, file.toString(), input.snapshot(), findings, input.notes());
        }
        return findings.isEmpty() ? NO_FINDINGS : FINDINGS;
    }

    private static int unusable(PrintStream err, String message) {
        err.println("threadhound: " + message);
        return UNUSABLE;
    }

    private static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        return d.isZero() ? null : d;
    }
}
