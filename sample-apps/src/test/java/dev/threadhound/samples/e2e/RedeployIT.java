package dev.threadhound.samples.e2e;

import dev.threadhound.samples.redeploy.Redeploys;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application deployed in a class loader of its own, run and undeployed three times, is collected each time with
 * the agent attached as without it, on JDK 17 and 25: the agent keeps none of its classes. On JDK 17 the agent's
 * table of stack frames kept every class a thread's stack had shown, and with it the application, until 2026-12-07.
 */
class RedeployIT {

    private static final int ROUNDS = 3;

    @Test
    void anUndeployedApplicationIsCollectedWithTheAgentAsWithout() {
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                jvms.add(redeploys(jdk, true));
                jvms.add(redeploys(jdk, false));
            }
            for (ChildJvm jvm : jvms) {
                assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.output()).isZero();
                assertThat(jvm.output()).as(jvm.output())
                        .contains("redeploys: collected " + ROUNDS + " of " + ROUNDS);
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }

    private static ChildJvm redeploys(ChildJvm.Jdk jdk, boolean agent) {
        ChildJvm.Builder builder = ChildJvm.on(jdk).name("redeploys-" + (agent ? "agent" : "alone"))
                .classpath(Path.of("target", "test-classes").toAbsolutePath())
                .main(Redeploys.class.getName()).args(String.valueOf(ROUNDS));
        return (agent ? builder.agent(AgentRun.FAST_DETECTION + ",lockOrder=on") : builder).start();
    }
}
