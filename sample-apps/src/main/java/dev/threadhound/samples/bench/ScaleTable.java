package dev.threadhound.samples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link Scale}'s two tables: what the agent costs (with beside without), and what it answers and how fast. */
final class ScaleTable {

    private ScaleTable() {
    }

    static void print(int jdk, Map<String, List<Map<String, String>>> without, Map<String, List<Map<String, String>>> with) {
        System.out.println();
        System.out.println("Cost (median over rounds; without -> with the agent). Targets: start rate ratio >= 0.90;"
                + " agent CPU <= 1 % of a core at 10k platform threads, <= 3 % at 100k virtual threads; heap +20 MB at"
                + " 10k platform threads, +150 MB at 100k virtual threads; no application thread delayed > 5 ms.");
        System.out.println("| JDK | threads | start rate /s | idle CPU, % of a core | agent threads, % of a core | heap after GC, MB | RSS, MB | ticker worst delay idle, ms | ticker worst delay while starting / until the finding, ms | longest pause idle, ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String workload : with.keySet()) {
            List<Map<String, String>> a = without.get(workload);
            List<Map<String, String>> b = with.get(workload);
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s -> %s |%n",
                    jdk, workload,
                    ratio(a, b, "start_rate_per_s", "%.0f"),
                    pair(a, b, "idle_cpu_pct", "%.2f"),
                    one(b, "agent_cpu_pct", "%.2f"),
                    delta(a, b, "heap_mb", "%.1f"),
                    pair(a, b, "rss_mb", "%.0f"),
                    pair(a, b, "ticker_idle_max_ms", "%.1f"),
                    pair(a, b, "ticker_start_max_ms", "%.1f"), pair(a, b, "ticker_finding_max_ms", "%.1f"),
                    worst(a, "pause_idle_ms"), worst(b, "pause_idle_ms"));
        }
        System.out.println();
        System.out.println("The agent at work (median over rounds). Targets: cycle <= 10 ms at 10k platform threads;"
                + " /threads <= 100 ms at 10k threads; /findings < 1 MB.");
        System.out.println("| JDK | threads | cycle wall, ms (mean / max) | cycle CPU, ms | first finding, s | one finding of all, s | LEAKED_THREAD findings at once (most) | /findings ms, KB | /threads ms, KB | /metrics ms, KB | longest pause while answering, ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String workload : with.keySet()) {
            List<Map<String, String>> b = with.get(workload);
            System.out.printf(Locale.ROOT, "| %d | %s | %s / %s | %s | %s | %s | %s | %s, %s | %s, %s | %s, %s | %s |%n",
                    jdk, workload,
                    one(b, "cycle_ms", "%.1f"), one(b, "cycle_max_ms", "%.1f"), one(b, "cycle_cpu_ms", "%.1f"),
                    one(b, "first_finding_s", "%.1f"), one(b, "full_finding_s", "%.1f"),
                    one(b, "findings_at_once_max", "%.0f"),
                    one(b, "findings_ms", "%.0f"), one(b, "findings_kb", "%.0f"),
                    one(b, "threads_ms", "%.0f"), one(b, "threads_kb", "%.0f"),
                    one(b, "metrics_ms", "%.0f"), one(b, "metrics_kb", "%.0f"),
                    worst(b, "pause_endpoints_ms"));
        }
    }

    private static String one(List<Map<String, String>> runs, String key, String format) {
        double v = median(runs, key);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    private static String pair(List<Map<String, String>> a, List<Map<String, String>> b, String key, String format) {
        return one(a, key, format) + " -> " + one(b, key, format);
    }

    private static String ratio(List<Map<String, String>> a, List<Map<String, String>> b, String key, String format) {
        double x = median(a, key);
        double y = median(b, key);
        return pair(a, b, key, format) + String.format(Locale.ROOT, " (%.2f)", y / x);
    }

    private static String delta(List<Map<String, String>> a, List<Map<String, String>> b, String key, String format) {
        double x = median(a, key);
        double y = median(b, key);
        return pair(a, b, key, format) + String.format(Locale.ROOT, " (%+.1f)", y - x);
    }

    /** The longest of the rounds' longest pauses, with what it was. */
    private static String worst(List<Map<String, String>> runs, String key) {
        String worst = "n/a";
        double most = -1;
        for (Map<String, String> r : runs == null ? List.<Map<String, String>>of() : runs) {
            String v = r.get(key);
            if (v == null) {
                continue;
            }
            int paren = v.indexOf('(');
            double ms = Double.parseDouble(paren < 0 ? v : v.substring(0, paren));
            if (ms > most) {
                most = ms;
                worst = v;
            }
        }
        return worst;
    }

    private static double median(List<Map<String, String>> runs, String key) {
        List<Double> values = new ArrayList<>();
        for (Map<String, String> r : runs == null ? List.<Map<String, String>>of() : runs) {
            String v = r.get(key);
            if (v != null && !v.equals("NaN")) {
                values.add(Double.parseDouble(v));
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
    }
}
