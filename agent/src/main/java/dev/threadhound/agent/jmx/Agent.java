package dev.threadhound.agent.jmx;

import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.loop.Published;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.report.FindingsReport;
import dev.threadhound.report.Json;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

/** The MBean behind {@code dev.threadhound:type=Agent}. */
public final class Agent implements AgentMBean {

    public static final String NAME = "dev.threadhound:type=Agent";

    private final SnapshotBuilder builder;
    private final DetectionLoop loop;

    private Agent(SnapshotBuilder builder, DetectionLoop loop) {
        this.builder = builder;
        this.loop = loop;
    }

    public static void register(SnapshotBuilder builder, DetectionLoop loop) throws Exception {
        ManagementFactory.getPlatformMBeanServer().registerMBean(new Agent(builder, loop), new ObjectName(NAME));
    }

    @Override
    public String snapshot() {
        return Json.write(builder.build(true));
    }

    @Override
    public String findings() {
        Published latest = loop.latest();
        return Json.write(latest == null
                ? FindingsReport.of(Instant.now(), List.of())
                : FindingsReport.of(Instant.ofEpochMilli(latest.snapshot().takenAt()), latest.findings()));
    }
}
