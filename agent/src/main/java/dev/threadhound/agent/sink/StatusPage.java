package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.threadhound.agent.sink.HtmlText.cell;
import static dev.threadhound.agent.sink.HtmlText.escape;
import static dev.threadhound.agent.sink.HtmlText.frames;
import static dev.threadhound.agent.sink.HtmlText.millis;
import static dev.threadhound.agent.sink.HtmlText.numberCell;

/**
 * The page a person reads during an incident: findings first, each with its threads' stacks and the sites that
 * created them, then executors, threads and the hottest locks. One self-contained HTML document: no scripts,
 * no external assets, every value escaped.
 */
final class StatusPage {

    static final int HOTTEST_LOCKS = 15;

    private StatusPage() {
    }

    static String render(Snapshot snapshot, List<Finding> findings, Instant now) {
        StringBuilder out = new StringBuilder(16_384);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>threadhound: ").append(findings.size()).append(findings.size() == 1 ? " finding" : " findings")
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        out.append("<header><h1>threadhound</h1><p>");
        if (snapshot == null) {
            out.append("No detector cycle has run yet; reload in a moment.");
        } else {
            out.append("Snapshot of ").append(escape(Instant.ofEpochMilli(snapshot.takenAt()).toString()))
                    .append(" &middot; ").append(snapshot.threads().size()).append(" threads &middot; ")
                    .append(snapshot.executors().size()).append(" executors");
        }
        out.append(" &middot; page rendered ").append(escape(now.toString()))
                .append("</p><nav><a href=\"/findings\">findings JSON</a> <a href=\"/threads\">threads JSON</a> ")
                .append("<a href=\"/metrics\">metrics</a></nav></header>\n");
        findings(out, findings);
        if (snapshot != null) {
            executors(out, snapshot.executors());
            threads(out, snapshot.threads());
            locks(out, snapshot.contention(), snapshot.pinning());
        }
        out.append("</body></html>\n");
        return out.toString();
    }

    private static void findings(StringBuilder out, List<Finding> findings) {
        out.append("<section id=\"findings\"><h2>Findings (").append(findings.size()).append(")</h2>\n");
        if (findings.isEmpty()) {
            out.append("<p class=\"none\">No findings: nothing is stuck, leaked or deadlocked right now.</p>\n");
        }
        int n = 0;
        for (Finding f : findings) {
            n++;
            out.append("<article class=\"finding ").append(f.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .append("\" id=\"finding-").append(n).append("\"><h3><span class=\"severity\">")
                    .append(f.severity()).append("</span> <span class=\"type\">").append(f.type())
                    .append("</span> <span class=\"summary\">").append(escape(f.summary())).append("</span></h3>\n");
            facts(out, f);
            frames(out, "Executor created at", "created-at", f.createdAt());
            frames(out, "Submitted at", "submitted-at", f.submittedAt());
            frames(out, "Site", "site", f.site());
            for (FindingThread t : f.threads()) {
                thread(out, t);
            }
            out.append("</article>\n");
        }
        out.append("</section>\n");
    }

    private static void facts(StringBuilder out, Finding f) {
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        if (f.cycle() != null) {
            facts.put("cycle", String.join(" \u2192 ", f.cycle()) + " \u2192 " + f.cycle().get(0));
        }
        put(facts, "executor", f.executor());
        put(facts, "lock", f.lock());
        put(facts, "state", f.state());
        if (f.durationMs() != null) {
            facts.put("for", millis(f.durationMs()));
        }
        put(facts, "count", f.count());
        put(facts, "threads", f.threadCount());
        put(facts, "queued", f.queued());
        put(facts, "active", f.active());
        put(facts, "max", f.max());
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

    private static void executors(StringBuilder out, List<ExecutorRecord> executors) {
        out.append("<section id=\"executors\"><h2>Executors (").append(executors.size()).append(")</h2>\n");
        if (executors.isEmpty()) {
            out.append("<p class=\"none\">No executors.</p></section>\n");
            return;
        }
        out.append("<table><thead><tr><th>executor</th><th>kind</th><th>size</th><th>active</th><th>max</th>")
                .append("<th>queued</th><th>completed</th><th>rejected</th><th>created at</th></tr></thead><tbody>\n");
        executors.stream()
                .sorted(Comparator.comparingInt(ExecutorRecord::queued).thenComparingInt(ExecutorRecord::activeThreads)
                        .reversed().thenComparing(ExecutorRecord::name))
                .forEach(e -> {
                    out.append(e.saturatedNow() ? "<tr class=\"saturated\">" : "<tr>");
                    cell(out, e.name() + (e.shutdown() ? " (shut down)" : ""));
                    cell(out, e.kind());
                    numberCell(out, e.poolSize());
                    numberCell(out, e.activeThreads());
                    out.append("<td class=\"num\">").append(e.bounded() ? String.valueOf(e.maxPoolSize()) : "&infin;")
                            .append("</td>");
                    numberCell(out, e.queued());
                    numberCell(out, e.completedTasks());
                    numberCell(out, e.rejectedTasks());
                    cell(out, e.createdAt().isEmpty() ? "" : e.createdAt().get(0));
                    out.append("</tr>\n");
                });
        out.append("</tbody></table></section>\n");
    }

    private static void threads(StringBuilder out, List<ThreadRecord> threads) {
        Map<String, int[]> byState = new TreeMap<>();
        for (ThreadRecord t : threads) {
            int[] c = byState.computeIfAbsent(String.valueOf(t.state()), k -> new int[2]);
            c[t.virtual() ? 1 : 0]++;
        }
        out.append("<section id=\"threads\"><h2>Threads (").append(threads.size()).append(")</h2>\n")
                .append("<table><thead><tr><th>state</th><th>platform</th><th>virtual</th></tr></thead><tbody>\n");
        byState.forEach((state, c) -> {
            out.append("<tr>");
            cell(out, state);
            numberCell(out, c[0]);
            numberCell(out, c[1]);
            out.append("</tr>\n");
        });
        out.append("</tbody></table><p>Every thread with its stack: <a href=\"/threads\">/threads</a>.</p></section>\n");
    }

    private static void locks(StringBuilder out, List<ContentionRecord> contention, List<PinningRecord> pinning) {
        out.append("<section id=\"locks\"><h2>Hottest locks</h2>\n");
        if (contention.isEmpty()) {
            out.append("<p class=\"none\">No lock contention recorded in the current window.</p>\n");
        } else {
            out.append("<table><thead><tr><th>lock</th><th>kind</th><th>waited</th><th>waits</th><th>threads</th>")
                    .append("<th>site</th></tr></thead><tbody>\n");
            contention.stream()
                    .sorted(Comparator.comparingLong(ContentionRecord::durationMs).reversed())
                    .limit(HOTTEST_LOCKS)
                    .forEach(c -> {
                        out.append("<tr>");
                        cell(out, c.lock());
                        cell(out, c.kind());
                        cell(out, millis(c.durationMs()));
                        numberCell(out, c.count());
                        numberCell(out, c.threadCount());
                        cell(out, c.site().isEmpty() ? "" : c.site().get(0));
                        out.append("</tr>\n");
                    });
            out.append("</tbody></table>\n");
        }
        if (!pinning.isEmpty()) {
            out.append("<h3>Pinned virtual threads</h3><table><thead><tr><th>site</th><th>pinned</th><th>times</th>")
                    .append("</tr></thead><tbody>\n");
            pinning.forEach(p -> {
                out.append("<tr>");
                cell(out, p.site().isEmpty() ? "" : p.site().get(0));
                cell(out, millis(p.durationMs()));
                numberCell(out, p.count());
                out.append("</tr>\n");
            });
            out.append("</tbody></table>\n");
        }
        out.append("</section>\n");
    }

    private static final String STYLE = String.join("",
            "body{font:14px/1.4 system-ui,sans-serif;margin:0 1.5em 2em;color:#1b1b1b}",
            "header{border-bottom:1px solid #ccc;margin-bottom:1em}h1{margin:.5em 0 .2em;font-size:1.4em}",
            "nav a{margin-right:1em}h2{margin-top:1.5em;font-size:1.2em}",
            ".finding{border-left:6px solid #888;padding:.3em 1em;margin:1em 0;background:#fafafa}",
            ".finding.critical{border-color:#c62828}.finding.warning{border-color:#ef6c00}",
            ".finding.info{border-color:#1565c0}.finding h3{font-size:1.05em;margin:.4em 0}",
            ".severity{font-weight:bold}.critical .severity{color:#c62828}.warning .severity{color:#ef6c00}",
            ".type{font-family:monospace}.facts{display:grid;grid-template-columns:max-content auto;gap:0 1em}",
            ".facts dt{color:#555}.facts dd{margin:0;font-family:monospace}",
            "h4{margin:.8em 0 .2em;font-family:monospace;font-size:1em}h5{margin:.4em 0 0;color:#555;font-size:.9em}",
            "pre{margin:.2em 0;padding:.4em .6em;background:#f0f0f0;overflow-x:auto;font-size:12.5px}",
            ".created-at pre,.submitted-at pre{background:#eef5ea}",
            "table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.2em .6em;text-align:left}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}tr.saturated{background:#fdecea}",
            ".none{color:#2e7d32}");
}
