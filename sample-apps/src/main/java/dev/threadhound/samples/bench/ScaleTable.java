package dev.threadhound.samples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Scale}'s two tables: what the agent costs (each figure without the agent, then under each agent jar), and
 * what the agent answers and how fast. Medians over the rounds; the longest pause is the longest of all rounds.
 */
final class ScaleTable {

    static final String WITHOUT = "without";
    static final String BASELINE = "baseline";
    static final String WITH = "agent";

    private ScaleTable() {
    }

    /** @param results by configuration ({@link #WITHOUT}, maybe {@link #BASELINE}, {@link #WITH}), then workload */
    static void print(int jdk, Map<String, Map<String, List<Map<String, String>>>> results) {
        List<String> configs = new ArrayList<>(List.of(WITHOUT, BASELINE, WITH));
        configs.retainAll(results.keySet());
        List<String> agents = configs.subList(1, configs.size());
        Map<String, List<Map<String, String>>> none = results.get(WITHOUT);
        System.out.println();
        System.out.println("Cost: " + String.join(" -> ", configs) + " (median over rounds). Targets: start rate"
                + " >= 0.90 of without; agent threads <= 1 % of a core at 10k platform threads, <= 3 % at 100k virtual"
                + " threads; heap after GC +20 MB at 10k platform threads, +150 MB at 100k virtual threads; no"
                + " application thread delayed > 5 ms by the agent.");
        System.out.println("| JDK | threads | start rate /s (ratio) | idle process CPU, % of a core | agent threads, % of a core"
                + " | agent threads, idle's second half | heap after GC, MB (+ over without) | RSS, MB | ticker worst delay idle, ms"
                + " | ticker worst delay while starting, ms | longest pause idle, ms | stops over 5 ms idle"
                + " | all released: ended after, s / JVM exit after that, s |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String workload : none.keySet()) {
            StringBuilder row = new StringBuilder();
            row.append("| ").append(jdk).append(" | ").append(workload).append(" | ");
            row.append(one(none.get(workload), "start_rate_per_s", "%.0f"));
            for (String a : agents) {
                row.append(" -> ").append(one(results.get(a).get(workload), "start_rate_per_s", "%.0f"))
                        .append(String.format(Locale.ROOT, " (%.2f)",
                                median(results.get(a).get(workload), "start_rate_per_s")
                                        / median(none.get(workload), "start_rate_per_s")));
            }
            row.append(" | ").append(chain(results, configs, workload, "idle_cpu_pct", "%.2f"));
            row.append(" | ").append(chain(results, agents, workload, "agent_cpu_pct", "%.2f"));
            row.append(" | ").append(chain(results, agents, workload, "agent_cpu_late_pct", "%.2f"));
            row.append(" | ").append(one(none.get(workload), "heap_mb", "%.1f"));
            for (String a : agents) {
                row.append(" -> ").append(one(results.get(a).get(workload), "heap_mb", "%.1f"))
                        .append(String.format(Locale.ROOT, " (%+.1f)",
                                median(results.get(a).get(workload), "heap_mb") - median(none.get(workload), "heap_mb")));
            }
            row.append(" | ").append(chain(results, configs, workload, "rss_mb", "%.0f"));
            row.append(" | ").append(chain(results, configs, workload, "ticker_idle_max_ms", "%.1f"));
            row.append(" | ").append(chain(results, configs, workload, "ticker_start_max_ms", "%.1f"));
            row.append(" | ");
            for (int i = 0; i < configs.size(); i++) {
                row.append(i == 0 ? "" : " -> ").append(worst(results.get(configs.get(i)).get(workload), "pause_idle_ms"));
            }
            row.append(" | ");
            for (int i = 0; i < configs.size(); i++) {
                row.append(i == 0 ? "" : " -> ").append(eachRound(results.get(configs.get(i)).get(workload),
                        "stops_idle_over_5ms"));
            }
            row.append(" | ").append(chain(results, configs, workload, "end_s", "%.2f"))
                    .append(" / ").append(chain(results, configs, workload, "exit_s", "%.2f"));
            System.out.println(row.append(" |"));
        }
        System.out.println();
        System.out.println("The agent at work (median over rounds" + (agents.size() > 1 ? "; " + String.join(" -> ", agents) : "")
                + "). Targets: cycle <= 10 ms at 10k platform threads; /threads <= 100 ms at 10k threads; /findings < 1 MB.");
        System.out.println("| JDK | threads | cycle wall, ms (mean / max) | cycle CPU, ms | first finding, s | one finding of all, s"
                + " | LEAKED_THREAD findings at once (most) | /findings ms, KB | /threads ms, KB | /metrics ms, KB"
                + " | ticker worst delay / longest pause while answering, ms |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (String workload : none.keySet()) {
            StringBuilder row = new StringBuilder();
            row.append("| ").append(jdk).append(" | ").append(workload)
                    .append(" | ").append(chain(results, agents, workload, "cycle_ms", "%.1f"))
                    .append(" / ").append(chain(results, agents, workload, "cycle_max_ms", "%.0f"))
                    .append(" | ").append(chain(results, agents, workload, "cycle_cpu_ms", "%.1f"))
                    .append(" | ").append(chain(results, agents, workload, "first_finding_s", "%.1f"))
                    .append(" | ").append(chain(results, agents, workload, "full_finding_s", "%.1f"))
                    .append(" | ").append(chain(results, agents, workload, "findings_at_once_max", "%.0f"));
            for (String endpoint : List.of("findings", "threads", "metrics")) {
                row.append(" | ").append(chain(results, agents, workload, endpoint + "_ms", "%.0f"))
                        .append(", ").append(chain(results, agents, workload, endpoint + "_kb", "%.0f"));
            }
            row.append(" | ").append(chain(results, agents, workload, "ticker_endpoints_max_ms", "%.0f")).append(" / ");
            for (int i = 0; i < agents.size(); i++) {
                row.append(i == 0 ? "" : " -> ").append(worst(results.get(agents.get(i)).get(workload), "pause_endpoints_ms"));
            }
            System.out.println(row.append(" |"));
        }
    }

    private static String chain(Map<String, Map<String, List<Map<String, String>>>> results, List<String> configs,
                                String workload, String key, String format) {
        StringBuilder out = new StringBuilder();
        for (String config : configs) {
            out.append(out.length() == 0 ? "" : " -> ").append(one(results.get(config).get(workload), key, format));
        }
        return out.toString();
    }

    private static String one(List<Map<String, String>> runs, String key, String format) {
        double v = median(runs, key);
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, format, v);
    }

    /** Each round's value, in order: {@code a; b}. */
    private static String eachRound(List<Map<String, String>> runs, String key) {
        List<String> values = new ArrayList<>();
        for (Map<String, String> r : runs == null ? List.<Map<String, String>>of() : runs) {
            values.add(r.getOrDefault(key, "n/a"));
        }
        return values.isEmpty() ? "n/a" : String.join("; ", values);
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
