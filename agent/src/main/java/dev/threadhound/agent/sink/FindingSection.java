package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.threadhound.agent.sink.HtmlText.escape;
import static dev.threadhound.agent.sink.HtmlText.frames;
import static dev.threadhound.agent.sink.HtmlText.millis;

/**
 * The status page's first section: an overview line per finding, then each finding with its facts, the sites that
 * created or submitted the work, and its threads with their stacks and creation sites.
 */
final class FindingSection {

    /** Names listed for threads that share one stack; the count says how many there are. */
    static final int MORE_NAMES = 30;

    private FindingSection() {
    }

    static void render(StringBuilder out, List<Finding> findings) {
        out.append("<section id=\"findings\"><h2>Findings (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) {
            out.append("<p class=\"none\">No findings: nothing is stuck, leaked or deadlocked right now.</p>\n");
        } else {
            overview(out, findings);
        }
        int n = 0;
        for (Finding f : findings) {
            n++;
            out.append("<article class=\"finding ").append(f.severity().name().toLowerCase(Locale.ROOT))
                    .append("\" id=\"finding-").append(n).append("\"><h3><span class=\"severity\">")
                    .append(f.severity()).append("</span> <span class=\"type\">").append(f.type())
                    .append("</span> <span class=\"summary\">").append(escape(f.summary())).append("</span></h3>\n");
            facts(out, f);
            frames(out, f.type() == FindingType.LEAKED_EXECUTOR ? "Executor created at" : "Threads created at",
                    "created-at", f.createdAt());
            frames(out, "Submitted at", "submitted-at", f.submittedAt());
            frames(out, "Site", "site", f.site());
            frames(out, "Thrown at", "thrown-at", f.at());
            findingThreads(out, f.threads());
            if (f.victims() != null && !f.victims().isEmpty()) {
                out.append("<h5 class=\"victims\">Blocked behind it (").append(f.victims().size()).append(")</h5>\n");
                findingThreads(out, f.victims());
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    /** One line per finding, most severe first, so a long finding never hides the next one. */
    private static void overview(StringBuilder out, List<Finding> findings) {
        out.append("<ol class=\"overview\">");
        int n = 0;
        for (Finding f : findings) {
            n++;
            out.append("<li><a href=\"#finding-").append(n).append("\"><span class=\"severity ")
                    .append(f.severity().name().toLowerCase(Locale.ROOT)).append("\">").append(f.severity())
                    .append("</span> ").append(f.type()).append("</a>: ").append(escape(f.summary())).append("</li>");
        }
        out.append("</ol>\n");
    }

    /**
     * Threads stuck at the same place with the same creation site are shown once, with the others named:
     * a leak of a hundred identical threads is one stack to read, not a hundred.
     */
    private static void findingThreads(StringBuilder out, List<FindingThread> threads) {
        Map<List<List<String>>, List<FindingThread>> groups = new LinkedHashMap<>();
        for (FindingThread t : threads) {
            groups.computeIfAbsent(List.of(t.stack(), t.createdAt()), k -> new ArrayList<>()).add(t);
        }
        for (List<FindingThread> group : groups.values()) {
            thread(out, group.get(0));
            if (group.size() > 1) {
                List<String> names = group.subList(1, group.size()).stream().map(FindingThread::name).toList();
                out.append("<p class=\"same\">").append(names.size())
                        .append(names.size() == 1 ? " more thread" : " more threads")
                        .append(" with the same stack and creation site: ")
                        .append(escape(String.join(", ", names.subList(0, Math.min(names.size(), MORE_NAMES)))))
                        .append(names.size() > MORE_NAMES ? ", &hellip;" : "").append("</p>\n");
            }
        }
    }

    private static void facts(StringBuilder out, Finding f) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (f.cycle() != null) {
            facts.put("cycle", String.join(" \u2192 ", f.cycle()) + " \u2192 " + f.cycle().get(0));
        }
        put(facts, "executor", f.executor());
        put(facts, "lock", f.lock());
        put(facts, "exception", f.exception());
        put(facts, "state", f.state());
        if (f.durationMs() != null) {
            facts.put("for", millis(f.durationMs()));
        }
        put(facts, "count", f.count());
        put(facts, "threads", f.threadCount());
        put(facts, "queued", f.queued());
        put(facts, "active", f.active());
        put(facts, "max", f.max());
        if (f.proven() != null) {
            facts.put("proven", f.proven() ? "yes: nothing that can still run reaches what it waits on"
                    : "no: reachable");
        }
        if (f.keptBy() != null) {
            facts.put("kept by", String.join(" \u2192 ", f.keptBy()));
        }
        if (facts.isEmpty()) {
            return;
        }
        out.append("<dl class=\"facts\">");
        facts.forEach((k, v) -> out.append("<dt>").append(k).append("</dt><dd>").append(escape(v)).append("</dd>"));
        out.append("</dl>\n");
    }

    private static void put(Map<String, String> facts, String key, Object value) {
        if (value != null) {
            facts.put(key, String.valueOf(value));
        }
    }

    private static void thread(StringBuilder out, FindingThread t) {
        out.append("<div class=\"thread\"><h4>&quot;").append(escape(t.name())).append("&quot; #").append(t.id())
                .append(t.virtual() ? " virtual" : "").append(' ').append(escape(t.state()));
        if (t.blockedOn() != null) {
            out.append(" on ").append(escape(t.blockedOn()));
        }
        if (t.ownedBy() != null) {
            out.append(" owned by &quot;").append(escape(t.ownedBy())).append("&quot;");
        }
        out.append("</h4>\n");
        frames(out, "Stack", "stack", t.stack());
        frames(out, "Created at", "created-at", t.createdAt());
        out.append("</div>\n");
    }
}
