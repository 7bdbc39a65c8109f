package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.time.Instant;
import java.util.List;

import static dev.threadhound.agent.sink.HtmlText.escape;

/**
 * The page a person reads during an incident: findings first, each with its threads' stacks and the sites that
 * created them ({@link FindingSection}), then executors, threads, the threads that died ({@link DeathSection}) and
 * the hottest locks ({@link LoadTables}). One
 * self-contained HTML document: no scripts, no external assets, every value escaped.
 */
final class StatusPage {

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
        FindingSection.render(out, findings);
        if (snapshot != null) {
            LoadTables.executors(out, snapshot.executors());
            LoadTables.threads(out, snapshot.threads());
            DeathSection.render(out, snapshot.deaths(), snapshot.takenAt());
            LoadTables.locks(out, snapshot.contention(), snapshot.pinning());
        }
        out.append("</body></html>\n");
        return out.toString();
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
            ".created-at pre,.submitted-at pre{background:#eef5ea}.thrown-at pre{background:#fdecea}",
            "table{border-collapse:collapse}th,td{border:1px solid #ddd;padding:.2em .6em;text-align:left}",
            "td.num{text-align:right;font-variant-numeric:tabular-nums}tr.saturated{background:#fdecea}",
            ".none{color:#2e7d32}.overview{padding-left:1.5em}.overview li{margin:.15em 0}",
            ".same{margin:.3em 0 .6em;color:#444;font-size:.95em}");
}
