package dev.threadhound.agent.sink;

import dev.threadhound.model.DeathRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static dev.threadhound.agent.sink.HtmlText.applicationFrame;
import static dev.threadhound.agent.sink.HtmlText.cell;
import static dev.threadhound.agent.sink.HtmlText.escape;
import static dev.threadhound.agent.sink.HtmlText.millis;

/**
 * The threads that recently ended by an uncaught exception, newest first: often what a hang started with (the
 * consumer died, its producers block). Pool workers are listed too, with their pool, which replaced them.
 */
final class DeathSection {

    private DeathSection() {
    }

    static void render(StringBuilder out, List<DeathRecord> deaths, long now) {
        out.append("<section id=\"deaths\"><h2>Threads that died (").append(deaths.size()).append(")</h2>\n");
        if (deaths.isEmpty()) {
            out.append("<p class=\"none\">No thread ended by an uncaught exception recently.</p></section>\n");
            return;
        }
        out.append("<table><thead><tr><th>thread</th><th>died</th><th>exception</th><th>thrown at</th>")
                .append("<th>executor</th><th>started at</th></tr></thead><tbody>\n");
        deaths.stream().sorted(Comparator.comparingLong(DeathRecord::diedAt).reversed()).forEach(d -> {
            out.append("<tr>");
            cell(out, d.name() + (d.daemon() ? " (daemon)" : ""));
            out.append("<td title=\"").append(escape(Instant.ofEpochMilli(d.diedAt()).toString())).append("\">")
                    .append(escape(millis(Math.max(0, now - d.diedAt())))).append(" ago</td>");
            cell(out, d.exception());
            cell(out, d.at().isEmpty() ? "" : applicationFrame(d.at()));
            cell(out, d.executor() == null ? "" : d.executor());
            cell(out, applicationFrame(d.createdAt()));
            out.append("</tr>\n");
        });
        out.append("</tbody></table></section>\n");
    }
}
