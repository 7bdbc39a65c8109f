package dev.threadhound.junit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * A suite with JUnit 4 tests on the Vintage engine next to Jupiter tests, extension auto-detection on: the
 * extension checks the Jupiter tests only (JUnit 5 extensions never run around another engine's tests); the JUnit 4
 * tests need the rule.
 */
class VintageNextToJupiterTest {

    @AfterEach
    void endWhatFixturesLeaked() throws InterruptedException {
        Leftovers.clear();
    }

    @Test
    void theAutoDetectedExtensionChecksJupiterTestsOnlyAndTheRuleChecksJunit4Tests() {
        Map<String, TestExecutionResult.Status> results = new ConcurrentHashMap<>();
        LauncherDiscoveryRequest request = request()
                .selectors(selectMethod(DetectLeaksTest.Fixtures.class, "leaksAThread"),
                        selectMethod(Junit4Fixtures.Unchecked.class, "leaksAThread"),
                        selectMethod(Junit4Fixtures.Fixtures.class, "leaksAThread"))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter(Fixture.PARAMETER, "true")
                .build();
        Launcher launcher = LauncherFactory.create();
        Junit4Fixture.running = true;
        try {
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest() && id.getSource().orElse(null) instanceof MethodSource m) {
                        String engine = id.getUniqueId().contains("junit-vintage") ? "vintage " : "jupiter ";
                        String className = m.getClassName();
                        results.put(engine + className.substring(className.lastIndexOf('$') + 1) + "." + m.getMethodName(),
                                result.getStatus());
                    }
                }
            });
        } finally {
            Junit4Fixture.running = false;
        }

        assertThat(results).containsOnly(
                Map.entry("jupiter Fixtures.leaksAThread", TestExecutionResult.Status.FAILED),
                Map.entry("vintage Unchecked.leaksAThread", TestExecutionResult.Status.SUCCESSFUL),
                Map.entry("vintage Fixtures.leaksAThread", TestExecutionResult.Status.FAILED));
    }
}
