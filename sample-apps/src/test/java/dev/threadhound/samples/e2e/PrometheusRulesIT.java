package dev.threadhound.samples.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped rules pass promtool's checks and unit tests; the dashboard is wired to its variables everywhere. */
class PrometheusRulesIT {

    @Test
    void promtoolCheckRulesPasses() {
        MetricsTools.Result result = MetricsTools.run(Dashboard.DIR, Duration.ofMinutes(1),
                List.of(MetricsTools.require("promtool"), "check", "rules", Dashboard.RULES.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void promtoolTestRulesPasses() {
        MetricsTools.Result result = MetricsTools.run(Dashboard.RULE_TESTS.getParent(), Duration.ofMinutes(1),
                List.of(MetricsTools.require("promtool"), "test", "rules", Dashboard.RULE_TESTS.toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyPanelQueryFiltersByJobAndInstance() throws Exception {
        Dashboard dashboard = Dashboard.load();

        assertThat(dashboard.json().path("title").asText()).isEqualTo("JVM concurrency health");
        assertThat(dashboard.panelQueries()).hasSizeGreaterThanOrEqualTo(15).allSatisfy(q -> {
            assertThat(q.expr()).as(q.name()).contains("job=~\"$job\"", "instance=~\"$instance\"");
        });
        assertThat(dashboard.variableQueries()).extracting(Dashboard.Query::name)
                .containsExactly("variable $job", "variable $instance");
        for (JsonNode panel : dashboard.json().path("panels")) {
            if (!"row".equals(panel.path("type").asText())) {
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo("${datasource}");
            }
        }
    }

    @Test
    void theRulesFileHasTheNineAlerts() throws Exception {
        assertThat(Dashboard.alertExpressions()).extracting(Dashboard.Query::name).containsExactly(
                "ThreadhoundDeadlock", "ThreadhoundLeakGrowing", "ThreadhoundExecutorSaturated", "ThreadhoundExecutorsLeaking",
                "ThreadhoundThreadsPilingUp", "ThreadhoundPeriodicTasksPilingUp", "ThreadhoundPeriodicTaskStopped",
                "ThreadhoundExitBlocked", "ThreadhoundPotentialDeadlock");
    }
}
