package dev.threadhound.junit;

import dev.threadhound.detect.CreationSites;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Threads a check found left behind, as findings: more than {@link DetectOptions#DEFAULT_PILE_UP} started at one
 * creation site (a timer or client made per call in a loop) are one {@code THREAD_PILE_UP} naming them all; the
 * others are one {@code LEAKED_THREAD} each. Needs the agent: without creation sites nothing is grouped.
 */
final class PileUps {

    private PileUps() {
    }

    static List<Leaks.Leak> of(List<ThreadRecord> leaked, Function<ThreadRecord, Finding> single) {
        Map<List<String>, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        List<Leaks.Leak> out = new ArrayList<>();
        for (ThreadRecord t : leaked) {
            List<String> site = CreationSites.key(t.createdAt());
            if (site.isEmpty()) {
                out.add(new Leaks.Leak(single.apply(t), null));
            } else {
                bySite.computeIfAbsent(site, k -> new ArrayList<>()).add(t);
            }
        }
        bySite.values().forEach(threads -> {
            if (threads.size() > DetectOptions.DEFAULT_PILE_UP) {
                out.add(new Leaks.Leak(pileUp(threads), null));
            } else {
                threads.forEach(t -> out.add(new Leaks.Leak(single.apply(t), null)));
            }
        });
        return out;
    }

    private static Finding pileUp(List<ThreadRecord> threads) {
        ThreadRecord first = threads.get(0);
        String summary = threads.size() + " threads started at " + CreationSites.describe(first.createdAt())
                + " during the test are still alive: what starts them is never stopped or closed";
        return Finding.of(FindingType.THREAD_PILE_UP, Severity.CRITICAL, summary)
                .createdAt(first.createdAt())
                .count(threads.size())
                .threads(threads.stream().map(FindingThread::of).toList())
                .build();
    }
}
