package dev.threadhound.agent.sink;

import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.model.ThreadRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.threadhound.agent.sink.HtmlText.applicationFrame;
import static dev.threadhound.agent.sink.HtmlText.cell;
import static dev.threadhound.agent.sink.HtmlText.millis;
import static dev.threadhound.agent.sink.HtmlText.numberCell;

/** The status page's tables after the findings: executors (busiest first), threads by state, the hottest locks. */
final class LoadTables {

    static final int HOTTEST_LOCKS = 15;

    private LoadTables() {
    }

    static void executors(StringBuilder out, List<ExecutorRecord> executors) {
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
                    cell(out, applicationFrame(e.createdAt()));
                    out.append("</tr>\n");
                });
        out.append("</tbody></table></section>\n");
    }

    static void threads(StringBuilder out, List<ThreadRecord> threads) {
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

    static void locks(StringBuilder out, List<ContentionRecord> contention, List<PinningRecord> pinning) {
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
}
