package dev.threadhound.agent.jmx;

import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.loop.Published;
import dev.threadhound.agent.prove.ProofRefused;
import dev.threadhound.agent.prove.Proofs;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;
import dev.threadhound.report.SnapshotBytes;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

/** The MBean behind {@code dev.threadhound:type=Agent}. */
public final class Agent implements AgentMBean {

    public static final String NAME = "dev.threadhound:type=Agent";

    private final SnapshotBuilder builder;
    private final DetectionLoop loop;
    private final Proofs proofs;

    private Agent(SnapshotBuilder builder, DetectionLoop loop, Proofs proofs) {
        this.builder = builder;
        this.loop = loop;
        this.proofs = proofs;
    }

    public static void register(SnapshotBuilder builder, DetectionLoop loop, Proofs proofs) throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Agent(builder, loop, proofs), new ObjectName(NAME));
    }

    @Override
    public String prove() {
        try {
            List<dev.threadhound.finding.Finding> findings = proofs.proveNow();
            return Json.write(FindingsReport.of(Instant.now(), findings));
        } catch (ProofRefused e) {
            // A JDK type, so a remote caller without the agent's classes reads the message.
            throw new IllegalStateException(e.getMessage());
        }
    }

    @Override
    public String snapshot() {
        return Json.write(builder.build(true));
    }

    @Override
    public byte[] snapshotBytes() {
        return SnapshotBytes.write(builder.build(true));
    }

    @Override
    public String findings() {
        Published latest = loop.latest();
        return Json.write(latest == null
                ? FindingsReport.of(Instant.now(), List.of())
                : FindingsReport.of(Instant.ofEpochMilli(latest.snapshot().takenAt()), latest.findings()));
    }
}
