package dev.threadhound.agent.sink;

import dev.threadhound.detect.CreationSites;
import dev.threadhound.detect.Frames;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What makes a finding the same one from cycle to cycle, for the sinks that remember findings: the console (logged
 * once, again when grown) and the report's findings that cleared during the run.
 */
final class FindingKey {

    private FindingKey() {
    }

    /** The keys of one cycle's findings, in order: two findings of one cycle never share one, whatever their anchors. */
    static List<String> of(List<Finding> findings) {
        List<String> keys = new ArrayList<>(findings.size());
        Set<String> taken = new HashSet<>();
        for (Finding f : findings) {
            String anchored = of(f);
            String key = anchored;
            for (int same = 2; !taken.add(key); same++) {
                key = anchored + "#" + same;
            }
            keys.add(key);
        }
        return keys;
    }

    /**
     * What makes a finding the same one next cycle: where it is anchored (the lock's site, the submission or
     * creation site, the stuck thread's own frames) and, for cycles, who is in it; never its duration or how many
     * threads a growing group lists.
     */
    static String of(Finding f) {
        if (f.lockOrder() != null) {
            // A lock-order cycle is its locks, whether or not its threads are still alive.
            return f.type() + "|" + f.lockOrder().stream().map(e -> e.held() + ">" + e.acquired()).sorted()
                    .collect(Collectors.joining(","));
        }
        String cycle = f.cycle() == null ? "" : f.cycle().stream().sorted().collect(Collectors.joining(","));
        // a pile of executors is named after its newest one, which changes as the pile grows
        String executor = f.type() == FindingType.LEAKED_EXECUTOR ? "" : f.executor();
        return f.type() + "|" + executor + "|" + f.lock() + "|" + cycle + "|" + anchor(f);
    }

    private static String anchor(Finding f) {
        if (f.cycle() != null || f.type() == FindingType.EXIT_BLOCKED || f.type() == FindingType.POOL_SATURATED) {
            // Who is in a cycle is all it is: its threads' stacks arrive a cycle later (cheap scan first) and must
            // not make it new. A JVM is kept from exiting once, whatever its holders do meanwhile. A saturated pool
            // is its executor, whichever of its busy workers is listed first and whatever it runs at the moment.
            return "";
        }
        return Stream.of(f.site(), f.submittedAt(), f.createdAt())
                .filter(frames -> frames != null && !frames.isEmpty())
                .map(FindingKey::site)
                .findFirst()
                .orElseGet(() -> f.threads().isEmpty() ? "" : threadAnchor(f.threads().get(0)));
    }

    /** The application's frames of a site: the JDK frame on top (an executor's constructor) is the same for all. */
    private static String site(List<String> frames) {
        List<String> application = CreationSites.key(frames);
        return application.isEmpty() ? frames.get(0) : String.join("|", application);
    }

    /**
     * A group of threads stuck at one site shares where it was started and where it waits: the application's frames
     * of its creation site, and its stack down to the first frame of the application's. Not the top frames alone:
     * virtual threads started by one executor and parked at different places all start in the JDK's executor and
     * park in {@code VirtualThread.park}, and two such groups made one key, each logged again every cycle as the
     * other's count stood in for its own.
     */
    private static String threadAnchor(FindingThread t) {
        return (t.createdAt().isEmpty() ? "" : site(t.createdAt())) + "/" + String.join("|", waitsAt(t.stack()));
    }

    private static List<String> waitsAt(List<String> stack) {
        int application = Frames.firstApplicationIndex(stack);
        return application < 0 ? stack : stack.subList(0, application + 1);
    }
}
