package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shipped dashboard and rules as the metrics tests read them: every panel query and every alert. */
record Dashboard(JsonNode json) {

    static final Path DIR = Paths.get("..", "dashboards").toAbsolutePath().normalize();
    static final Path GRAFANA = DIR.resolve("grafana/jvm-concurrency-health.json");
    static final Path RULES = DIR.resolve("prometheus/threadhound-alerts.yml");
    static final Path RULE_TESTS = DIR.resolve("prometheus/threadhound-alerts.test.yml");

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)");
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)\\s*$");
    private static final Pattern EXPR = Pattern.compile("^\\s*expr: (.+)$");

    static Dashboard load() throws IOException {
        return new Dashboard(new ObjectMapper().readTree(GRAFANA.toFile()));
    }

    /** Every query of every panel, titled "panel title #refId". */
    List<Query> panelQueries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode panel : json.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(new Query(panel.path("title").asText() + " #" + target.path("refId").asText(),
                        target.path("expr").asText()));
            }
        }
        return out;
    }

    /** The template variables that query Prometheus, as the PromQL that gives their values. */
    List<Query> variableQueries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode variable : json.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
                if (!m.matches()) {
                    throw new AssertionError("variable " + variable.path("name") + " is not label_values(...): " + variable);
                }
                out.add(new Query("variable $" + variable.path("name").asText(),
                        "group by (" + m.group(2) + ") (" + m.group(1) + ")"));
            }
        }
        return out;
    }

    /** Alert name to expression, read from the shipped rules file (one-line expressions). */
    static List<Query> alertExpressions() throws IOException {
        List<Query> out = new ArrayList<>();
        String alert = null;
        for (String line : Files.readAllLines(RULES)) {
            Matcher a = ALERT.matcher(line);
            if (a.matches()) {
                alert = a.group(1);
            }
            Matcher e = EXPR.matcher(line);
            if (e.matches() && alert != null) {
                out.add(new Query(alert, e.group(1)));
                alert = null;
            }
        }
        return out;
    }

    /** Fills the dashboard's variables as Grafana would for one job and these instances. */
    static String substitute(String expr, String job, String instanceRegex) {
        return expr.replace("$__rate_interval", "30s")
                .replace("${job}", job).replace("$job", job)
                .replace("${instance}", instanceRegex).replace("$instance", instanceRegex);
    }

    record Query(String name, String expr) {
    }
}
