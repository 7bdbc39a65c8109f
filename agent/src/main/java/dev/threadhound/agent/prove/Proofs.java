package dev.threadhound.agent.prove;

import dev.threadhound.agent.Log;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.prove.Proof;
import dev.threadhound.prove.Verdict;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The proofs of one agent: every detector cycle, the verdicts known so far go onto the leak findings; with
 * {@code prove} on, candidates without a verdict start a proof on the {@code threadhound-prove} thread, at most once
 * per {@link #EVERY}. A verdict belongs to a thread's wait: it is kept while the thread stays in that wait (same
 * state, top frame and wait counts) and dropped when the thread moves on.
 */
public final class Proofs {

    /** At most one automatic heap dump this often: a dump pauses the application. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    private static final long WAIT_FOR_RUNNING_PROOF_SECONDS = 120;

    private final HeapProver prover;
    private final boolean automatic;
    private final LongSupplier clock;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final Set<String> attempted = ConcurrentHashMap.newKeySet();
    private final ReentrantLock running = new ReentrantLock();
    private volatile long lastRun = Long.MIN_VALUE;
    private volatile Seen latest;

    /** The detector cycle's own snapshot and findings, before any verdict went on them. */
    private record Seen(Snapshot snapshot, List<Finding> findings) {
    }

    /**
     * @param limit     heap in use up to which a dump is taken
     * @param automatic {@code prove=on}: candidates start proofs by themselves; otherwise only {@link #proveNow} does
     */
    public Proofs(long limit, boolean automatic, LongSupplier clock) {
        this.prover = new HeapProver(limit);
        this.automatic = automatic;
        this.clock = clock;
    }

    /** The detector loop's step between detectors and sinks. Quick: a proof it starts runs on its own thread. */
    public List<Finding> annotate(Snapshot snapshot, List<Finding> findings) {
        latest = new Seen(snapshot, findings);
        Map<Long, ThreadRecord> threads = listedThreads(snapshot, findings);
        Map<Long, ThreadRecord> candidates = candidates(findings, threads);
        Set<String> current = ConcurrentHashMap.newKeySet();
        candidates.values().forEach(t -> current.add(key(t)));
        verdicts.keySet().retainAll(current);
        attempted.retainAll(current);
        if (automatic && !candidates.isEmpty() && !attempted.containsAll(current) && due() && !running.isLocked()) {
            start(snapshot, candidates);
        }
        return withVerdicts(findings, threads);
    }

    /**
     * A proof of the newest cycle's candidates now, whatever the interval (a person asked), and its findings.
     *
     * @throws ProofRefused when the heap is above the limit, the analysis would not fit, or nothing is a candidate
     */
    public List<Finding> proveNow() throws ProofRefused {
        Seen seen = latest;
        if (seen == null) {
            throw new ProofRefused("the agent has not looked at this JVM yet; try again in a moment");
        }
        Map<Long, ThreadRecord> threads = listedThreads(seen.snapshot(), seen.findings());
        Map<Long, ThreadRecord> candidates = candidates(seen.findings(), threads);
        if (candidates.isEmpty()) {
            throw new ProofRefused("nothing to prove: no thread or task is reported stuck now (LEAKED_THREAD, LEAKED_TASK)");
        }
        try {
            if (!running.tryLock(WAIT_FOR_RUNNING_PROOF_SECONDS, TimeUnit.SECONDS)) {
                throw new ProofRefused("another proof is still running; try again later");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProofRefused("interrupted while another proof was running");
        }
        try {
            run(seen.snapshot(), candidates);
        } finally {
            running.unlock();
        }
        return withVerdicts(seen.findings(), threads);
    }

    private boolean due() {
        long last = lastRun;
        return last == Long.MIN_VALUE || clock.getAsLong() - last >= EVERY.toMillis();
    }

    private void start(Snapshot snapshot, Map<Long, ThreadRecord> candidates) {
        lastRun = clock.getAsLong();
        Thread thread = new Thread(() -> {
            if (!running.tryLock()) {
                return;
            }
            try {
                run(snapshot, candidates);
            } catch (ProofRefused e) {
                Log.once("prove-refused:" + e.getMessage(), "prove: " + e.getMessage());
            } catch (Throwable t) {
                Log.once("prove-failed", "prove: a proof failed and will be retried later: " + t);
            } finally {
                running.unlock();
            }
        }, "threadhound-prove");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Snapshot snapshot, Map<Long, ThreadRecord> candidates) throws ProofRefused {
        lastRun = clock.getAsLong();
        candidates.values().forEach(t -> attempted.add(key(t)));
        Map<Long, String> lockClasses = new HashMap<>();
        snapshot.threads().forEach(t -> {
            if (t.blockedOn() != null) {
                lockClasses.put(t.id(), t.blockedOn());
            }
        });
        ProofRun run;
        try {
            run = prover.prove(candidates.keySet(), lockClasses);
        } catch (ProofRefused e) {
            // tried again after the interval: the heap may have shrunk by then
            candidates.values().forEach(t -> attempted.remove(key(t)));
            throw e;
        }
        List<String> said = new ArrayList<>();
        candidates.forEach((id, thread) -> {
            Verdict v = run.verdicts().get(id);
            if (v == null) {
                return;
            }
            verdicts.put(key(thread), v);
            said.add("thread " + thread.name() + (v.proven()
                    ? " can never be woken: nothing that can still run reaches the " + simple(v.waitsOn()) + " it waits on"
                    : " can still be woken: " + String.join(" -> ", v.keptBy())));
        });
        Log.line("prove: " + run.cost() + "; " + (said.isEmpty() ? "no candidate was decided" : String.join("; ", said)));
    }

    private List<Finding> withVerdicts(List<Finding> findings, Map<Long, ThreadRecord> threads) {
        return Proof.annotate(findings, (FindingThread t) -> {
            ThreadRecord record = threads.get(t.id());
            return record == null ? null : verdicts.get(key(record));
        });
    }

    /** The platform threads the leak findings list: what a proof decides. */
    private static Map<Long, ThreadRecord> candidates(List<Finding> findings, Map<Long, ThreadRecord> threads) {
        Map<Long, ThreadRecord> out = new LinkedHashMap<>();
        for (Finding f : findings) {
            boolean provable = f.type() == FindingType.LEAKED_THREAD
                    || (f.type() == FindingType.LEAKED_TASK && TaskState.RUNNING.name().equals(f.state()));
            if (!provable) {
                continue;
            }
            for (FindingThread t : f.threads()) {
                ThreadRecord record = threads.get(t.id());
                if (record != null && !record.virtual()) {
                    out.put(record.id(), record);
                }
            }
        }
        return out;
    }

    /**
     * The records of the threads the findings list, by id: a few, however many threads the JVM has (a map of all
     * ten thousand, made every cycle, was most of what annotating cost). The look ends once all are found: each
     * record read is one out of memory at ten thousand threads a cycle apart.
     */
    private static Map<Long, ThreadRecord> listedThreads(Snapshot snapshot, List<Finding> findings) {
        long[] listed = findings.stream().flatMap(f -> f.threads().stream()).mapToLong(FindingThread::id)
                .distinct().sorted().toArray();
        if (listed.length == 0) {
            return Map.of();
        }
        Map<Long, ThreadRecord> out = new HashMap<>();
        List<ThreadRecord> threads = snapshot.threads();
        for (int i = 0; i < threads.size() && out.size() < listed.length; i++) {
            ThreadRecord t = threads.get(i);
            if (Arrays.binarySearch(listed, t.id()) >= 0) {
                out.putIfAbsent(t.id(), t);
            }
        }
        return out;
    }

    /** One wait of one thread: it ends when the thread's state, top frame or wait counts change. */
    private static String key(ThreadRecord t) {
        return t.id() + "/" + t.state() + "/" + t.waitedCount() + "/" + t.blockedCount() + "/" + t.topFrame();
    }

    private static String simple(String className) {
        return className == null ? "?" : className.substring(className.lastIndexOf('.') + 1);
    }
}
