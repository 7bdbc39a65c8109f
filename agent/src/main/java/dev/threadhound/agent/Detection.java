package dev.threadhound.agent;

import dev.threadhound.agent.loop.DetectionLoop;
import dev.threadhound.agent.options.AgentOptions;
import dev.threadhound.agent.prove.Proofs;
import dev.threadhound.agent.sink.ConsoleLog;
import dev.threadhound.agent.sink.FindingHistory;
import dev.threadhound.agent.snapshot.SnapshotBuilder;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.LockGraph;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Detectors;

/**
 * The snapshot builder, the detection loop and the proofs, made once by whoever needs them first: the agent's
 * {@code threadhound-start} thread right after {@code premain}, or earlier a leak check asking for a snapshot or the
 * report written at exit. Making them loads most of the agent and the analyzer's detectors, 30 ms that no
 * application thread needs to wait for: only the hooks must be in before {@code main}.
 */
final class Detection {

    /** What {@link #get} makes; {@code history} only with {@code report=}, null otherwise. */
    record Parts(SnapshotBuilder builder, DetectionLoop loop, Proofs proofs, FindingHistory history) {
    }

    private final AgentOptions options;
    private final ThreadRegistry threads;
    private final ExecutorRegistry executors;
    private final TaskSites sites;
    private final LockGraph lockOrder;
    private Parts parts;

    /** @param lockOrder the lock graph the lock-order hooks fill, or null when they are off */
    Detection(AgentOptions options, ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites,
              LockGraph lockOrder) {
        this.options = options;
        this.threads = threads;
        this.executors = executors;
        this.sites = sites;
        this.lockOrder = lockOrder;
    }

    /** The parts, made at the first call; later callers wait for that one. */
    synchronized Parts get() {
        if (parts == null) {
            SnapshotBuilder builder = new SnapshotBuilder(threads, executors, sites);
            if (lockOrder != null) {
                builder.lockOrder(lockOrder);
            }
            DetectOptions detectOptions = DetectOptions.defaults().withStuckAfter(options.stuckAfter())
                    .withPileUp(options.pileUp()).withIgnore(options.ignore());
            DetectionLoop loop = new DetectionLoop(builder, detectOptions, Detectors.standard(), options.interval(),
                    options.cpuBudget());
            boolean proving = options.proveMaxHeap() > 0;
            Proofs proofs = new Proofs(proving ? options.proveMaxHeap() : AgentOptions.PROVE_DEFAULT_LIMIT, proving,
                    System::currentTimeMillis);
            loop.annotateWith(proofs::annotate);
            loop.addSink(new ConsoleLog());
            FindingHistory history = null;
            if (options.report() != null) {
                history = new FindingHistory();
                loop.addSink(history);
            }
            parts = new Parts(builder, loop, proofs, history);
        }
        return parts;
    }
}
