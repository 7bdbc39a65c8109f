package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.threadhound.detect.Timeline.thread;
import static org.assertj.core.api.Assertions.assertThat;

class SpinningThreadsDetectorTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(5));
    private static final long STEP = 1_000;
    private static final String FIND_LOOP = "app//com.acme.Index.find(Index.java:36)";
    private static final String FIND_NEXT = "app//com.acme.Index.find(Index.java:35)";
    private static final List<String> BELOW = List.of(
            "app//com.acme.Index.lambda$start$0(Index.java:47)",
            "java.base/java.lang.Thread.run(Thread.java:840)");
    private static final String FUTURE = "java.util.concurrent.FutureTask@99";

    private final Timeline timeline = new Timeline(new SpinningThreadsDetector(), OPTIONS);

    private static List<String> at(String top) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(top), BELOW.stream()).toList();
    }

    /** Looping in find(): the stack's top alternates between the loop's two lines; 90 % of a core. */
    private static ThreadRecord spinner(long id, long millis) {
        return thread(id, "indexer-" + id, "RUNNABLE", at(millis % 2_000 == 0 ? FIND_LOOP : FIND_NEXT), null, 0, 0,
                millis * 900_000L).withIdentity("java.lang.Thread@" + id);
    }

    @Test
    void threadsLoopingInTheSameFramesAreReportedWithTheThreadsWaitingForThem() {
        ThreadRecord joiner = thread(1, "producer", "WAITING", Stacks.JOINING, "java.lang.Thread@11", 0, 1, 1_000);
        ThreadRecord getter = thread(2, "caller", "WAITING", Stacks.WORKER_IN_FUTURE_GET, FUTURE, 0, 1, 1_000);
        TaskRecord onSpinner = new TaskRecord("index", FUTURE, "com.acme.Index$Task", TaskState.RUNNING, List.of(), 12, 0);
        for (long t = 0; t <= 12_000; t += STEP) {
            timeline.at(t, List.of(joiner, getter, spinner(11, t), spinner(12, t)), List.of(onSpinner));
        }

        // hot since the first snapshot: stuck for 5 s at 5 s, but looked at ten times only by 10 s
        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
        List<Finding> last = timeline.seen().get(12);
        assertThat(last).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.SPINNING_THREADS);
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.count()).isEqualTo(2);
            assertThat(f.durationMs()).isEqualTo(12_000);
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("indexer-11", "indexer-12");
            assertThat(f.threads()).allSatisfy(t -> assertThat(t.stack()).isNotEmpty());
            assertThat(f.victims()).extracting(t -> t.name()).containsExactly("producer", "caller");
            assertThat(f.site()).containsExactly(FIND_LOOP, BELOW.get(0));
            assertThat(f.summary()).isEqualTo("2 threads (indexer-11, indexer-12) spinning for up to 12s at 90% of a"
                    + " core in Index.find, Index.lambda$start$0, never leaving Index.lambda$start$0(Index.java:47),"
                    + " started at Main.start(Main.java:9); producer, caller wait for them in Thread.join");
        });
    }

    @Test
    void aComputationThatMovesThroughItsCodeIsNotSpinning() {
        List<List<String>> phases = List.of(
                List.of("java.base/java.util.DualPivotQuicksort.sort(DualPivotQuicksort.java:412)",
                        "java.base/java.util.Arrays.sort(Arrays.java:105)", "app//com.acme.Compressor.runUntil(Compressor.java:20)"),
                List.of("java.base/sun.security.provider.SHA2.implCompress0(SHA2.java:200)",
                        "java.base/java.security.MessageDigest.digest(MessageDigest.java:390)",
                        "app//com.acme.Compressor.digest(Compressor.java:60)", "app//com.acme.Compressor.runUntil(Compressor.java:23)"),
                List.of("java.base/java.util.zip.Deflater.deflateBytesBytes(Native Method)",
                        "java.base/java.util.zip.Deflater.deflate(Deflater.java:580)",
                        "app//com.acme.Compressor.compress(Compressor.java:50)", "app//com.acme.Compressor.runUntil(Compressor.java:22)"),
                List.of("app//com.acme.Compressor.generate(Compressor.java:34)", "app//com.acme.Compressor.runUntil(Compressor.java:19)"));
        timeline.run(0, 60_000, STEP, t -> {
            List<String> stack = new java.util.ArrayList<>(phases.get((int) (t / STEP % phases.size())));
            stack.add("java.base/java.lang.Thread.run(Thread.java:840)");
            return List.of(thread(7, "compressor", "RUNNABLE", stack, null, 0, 0, t * 1_000_000L));
        });

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aComputationWhoseFirstLooksAllLandInOnePartIsNotSpinningForThat() {
        // a crowded machine, the JIT behind: the sort's partition loop at each of the first nine looks, then the rest
        List<String> partitioning = List.of("java.base/java.util.DualPivotQuicksort.sort(DualPivotQuicksort.java:1093)",
                "java.base/java.util.DualPivotQuicksort.sort(DualPivotQuicksort.java:917)",
                "java.base/java.util.Arrays.sort(Arrays.java:105)", "app//com.acme.Compressor.runUntil(Compressor.java:21)",
                "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> generating = List.of("app//com.acme.Compressor.generate(Compressor.java:33)",
                "app//com.acme.Compressor.runUntil(Compressor.java:20)", "java.base/java.lang.Thread.run(Thread.java:840)");
        timeline.run(0, 30_000, STEP, t -> List.of(thread(7, "compressor", "RUNNABLE",
                t <= 9_000 ? partitioning : generating, null, 0, 0, t * 30_000L)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void oneLongNativeCallOnABusyMachineIsNotSpinning() {
        List<String> deflating = List.of("java.base/java.util.zip.Deflater.deflateBytesBytes(Native Method)",
                "java.base/java.util.zip.Deflater.deflate(Deflater.java:580)",
                "app//com.acme.Compressor.compress(Compressor.java:50)", "java.base/java.lang.Thread.run(Thread.java:840)");
        timeline.run(0, 30_000, STEP, t -> List.of(thread(7, "compressor", "RUNNABLE", deflating, null, 0, 0, t * 30_000L)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aLoopThatKeepsStartingThreadsIsNotSpinning() {
        // supplyAsync with a one-worker common pool starts a thread per task: each look finds it starting one
        List<String> starting = List.of("java.base/java.lang.Thread.start0(Native Method)",
                "java.base/java.lang.Thread.start(Thread.java:809)",
                "java.base/java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor.execute(CompletableFuture.java:444)",
                "java.base/java.util.concurrent.CompletableFuture.asyncSupplyStage(CompletableFuture.java:1782)",
                "app//com.acme.Main.parallel(Main.java:40)", "java.base/java.lang.Thread.run(Thread.java:840)");
        List<String> inStart = starting.subList(1, starting.size());
        timeline.run(0, 12_000, STEP, t -> List.of(
                thread(23, "cache-user-4", "RUNNABLE", t % 2_000 == 0 ? starting : inStart, null, 0, 0, t * 25_000L)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }

    @Test
    void aLoopAroundThreadYieldSpinsButADisruptorWaitStrategyThatYieldsByDesignIsLeftAlone() {
        // on JDK 25 each look finds the loop in the native yield0, as in one long native call
        List<String> yieldSpin = List.of("java.base/java.lang.Thread.yield0(Native Method)",
                "java.base/java.lang.Thread.yield(Thread.java:443)",
                "app//com.acme.Gate.awaitReady(Gate.java:17)", "java.base/java.lang.Thread.run(Thread.java:1474)");
        List<String> yieldingStrategy = List.of("java.base/java.lang.Thread.yield0(Native Method)",
                "java.base/java.lang.Thread.yield(Thread.java:443)",
                "app//com.lmax.disruptor.YieldingWaitStrategy.applyWaitMethod(YieldingWaitStrategy.java:58)",
                "app//com.lmax.disruptor.YieldingWaitStrategy.waitFor(YieldingWaitStrategy.java:40)",
                "app//com.lmax.disruptor.ProcessingSequenceBarrier.waitFor(ProcessingSequenceBarrier.java:56)",
                "app//com.lmax.disruptor.BatchEventProcessor.processEvents(BatchEventProcessor.java:156)",
                "app//com.lmax.disruptor.BatchEventProcessor.run(BatchEventProcessor.java:122)",
                "java.base/java.lang.Thread.run(Thread.java:1474)");
        // some looks land in the barrier between two yields: the strategy's frames are then above the common bottom
        List<String> inBarrier = yieldingStrategy.subList(4, yieldingStrategy.size());
        timeline.run(0, 12_000, STEP, t -> List.of(
                thread(21, "gate", "RUNNABLE", yieldSpin, null, 0, 0, t * 500_000L),
                thread(22, "Thread-0", "RUNNABLE", t % 3_000 == 0 ? inBarrier : yieldingStrategy, null, 0, 0, t * 500_000L)));

        assertThat(timeline.seen().get(timeline.seen().size() - 1)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.SPINNING_THREADS);
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("gate");
        });
    }

    @Test
    void aSelectorBusyWithEventsIsNotSpinningButOneWhoseSelectReturnsAtOnceIs() {
        // every look finds it within select(): waiting in epoll_wait or handling what it returned
        List<String> waiting = List.of("java.base/sun.nio.ch.EPoll.wait(Native Method)",
                "java.base/sun.nio.ch.EPollSelectorImpl.doSelect(EPollSelectorImpl.java:121)",
                "java.base/sun.nio.ch.SelectorImpl.lockAndDoSelect(SelectorImpl.java:129)",
                "java.base/sun.nio.ch.SelectorImpl.select(SelectorImpl.java:141)",
                "java.net.http/jdk.internal.net.http.HttpClientImpl$SelectorManager.run(HttpClientImpl.java:1010)");
        List<String> handling = Stream.concat(Stream.of("java.base/sun.nio.ch.EPollSelectorImpl.processEvents(EPollSelectorImpl.java:182)",
                "java.base/sun.nio.ch.EPollSelectorImpl.doSelect(EPollSelectorImpl.java:136)"),
                waiting.subList(2, waiting.size()).stream()).toList();
        timeline.run(0, 12_000, STEP, t -> List.of(
                // the JDK's HTTP client under load: a quarter of a core
                thread(31, "HttpClient-1-SelectorManager", "RUNNABLE", t % 3_000 == 0 ? handling : waiting, null, 0, 0,
                        t * 240_000L),
                // woken with nothing to do, again and again: the whole core
                thread(32, "event-loop", "RUNNABLE", t % 2_000 == 0 ? handling : waiting, null, 0, 0, t * 980_000L)));

        assertThat(timeline.seen().get(timeline.seen().size() - 1)).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo(FindingType.SPINNING_THREADS);
            assertThat(f.threads()).extracting(FindingThread::name).containsExactly("event-loop");
        });
    }

    @Test
    void aThreadThatStopsRunningOrBarelyRunsIsNotSpinning() {
        timeline.run(0, 30_000, STEP, t -> List.of(
                // blocked for a moment every 4 s: each run is shorter than stuckAfter
                t % 4_000 == 0 ? thread(11, "indexer", "BLOCKED", at(FIND_LOOP), "com.acme.Index@1", 1, 0, t * 900_000L)
                        : spinner(11, t),
                // RUNNABLE in a socket read, a few microseconds of CPU a second
                thread(12, "reader", "RUNNABLE", at("java.base/sun.nio.ch.SocketDispatcher.read0(Native Method)"),
                        null, 0, 0, t * 2_000L)));

        assertThat(timeline.seen()).allSatisfy(f -> assertThat(f).isEmpty());
    }
}
