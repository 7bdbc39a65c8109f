package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.ThreadRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.threadhound.detect.Timeline.thread;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer of rare events is judged against its own history: the audit writer of issue 13, whose first event
 * comes within a second and then one every 8 s, with {@code stuckAfter=5s} and a snapshot every second as the
 * agent takes them.
 */
class LearnedWaitsTest {

    private static final DetectOptions OPTIONS = DetectOptions.defaults().withStuckAfter(Duration.ofSeconds(5));
    private static final String CONDITION = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@1a2b3c";
    private static final long STEP = 1_000;

    private final Timeline timeline = new Timeline(new LeakedThreadDetector(), OPTIONS);

    /**
     * The writer as the cheap scan sees it: waiting in take() with its waited count one up per event; its stack is
     * taken only once it has waited a whole cycle with the same counts, as the agent does.
     */
    private static ThreadRecord writer(long millis, long lastEventAt, int events) {
        List<String> stack = millis - lastEventAt >= STEP ? Stacks.CONSUMER_TAKE : List.of();
        return thread(21, "audit-writer", "WAITING", stack, CONDITION, 0, events + 1, 5_000_000L + events * 200_000L);
    }

    private static long lastEventBefore(long millis, long first, long every, long stopAfter) {
        long last = -1;
        for (long e = first; e <= millis && e <= stopAfter; e += every) {
            last = e;
        }
        return last;
    }

    private List<Finding> runConsumer(long until, long stopAfter) {
        return runConsumer(900, until, stopAfter);
    }

    private List<Finding> runConsumer(long first, long until, long stopAfter) {
        return timeline.run(0, until, STEP, t -> {
            long last = lastEventBefore(t, first, 8_000, stopAfter);
            int events = last < 0 ? 0 : (int) ((last - first) / 8_000 + 1);
            return List.of(writer(t, Math.max(last, 0), events));
        });
    }

    @Test
    void aConsumerOfAnEventEveryEightSecondsIsNeverReported() {
        runConsumer(180_000, Long.MAX_VALUE);

        assertThat(timeline.seen()).allSatisfy(findings -> assertThat(findings).isEmpty());
    }

    @Test
    void aConsumerWhoseFirstEventCameAtOnceIsNotReportedDuringItsFirstLongWait() {
        // first wait about half a second: 10 x that is under stuckAfter, but a consumer gets at least 2 x stuckAfter
        timeline.run(0, 60_000, 250, t -> {
            long last = lastEventBefore(t, 400, 8_000, Long.MAX_VALUE);
            int events = last < 0 ? 0 : (int) ((last - 400) / 8_000 + 1);
            List<String> stack = t - Math.max(last, 0) >= 250 ? Stacks.CONSUMER_TAKE : List.<String>of();
            return List.of(thread(21, "audit-writer", "WAITING", stack, CONDITION, 0, events + 1, 5_000_000L));
        });

        assertThat(timeline.seen()).allSatisfy(findings -> assertThat(findings).isEmpty());
    }

    @Test
    void whenItsEventsStopItIsReportedWithinTenTimesItsLongestWaitCappedAtTenTimesStuckAfter() {
        long lastEvent = 16_900;
        runConsumer(120_000, lastEvent);

        long firstAt = timeline.firstFindingAt(0, STEP);
        // its longest completed wait is 8 s as sampled: 10 x that is over the cap of 10 x stuckAfter = 50 s
        assertThat(firstAt - lastEvent).isBetween(50_000L - STEP, 50_000L + 2 * STEP);
        List<Finding> at = timeline.seen().get((int) (firstAt / STEP));
        assertThat(at).singleElement().satisfies(f -> {
            assertThat(f.threads()).extracting(t -> t.name()).containsExactly("audit-writer");
            assertThat(f.summary()).contains("waiting for 5", "in LinkedBlockingQueue.take at Consumer.run",
                    "its earlier waits there ended within 8s");
        });
    }

    @Test
    void aThreadThatNeverCameBackFromItsWaitKeepsTheStuckAfterRule() {
        timeline.run(0, 20_000, STEP, t -> List.of(writer(t, -STEP, 0)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(5_000);
        assertThat(timeline.latest().threads().get(0).history().learned().longestByPlace()).isEmpty();
    }

    @Test
    void aConsumerWhoseOnlyEarlierWaitWasShortIsJudgedAtTenTimesIt() {
        // one event at 900 ms, none after: its history is one wait of about a second, 10 x that is 10 s
        runConsumer(30_000, 900);

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(11_000L);
    }

    @Test
    void aConsumerFirstSeenAfterItsFirstEventIsGivenTwiceStuckAfterUntilItsHistorySaysMore() {
        // the agent's first look comes after the first event: waited count 2, one wait completed unseen
        timeline.run(0, 12_000, STEP, t -> List.of(writer(t, -STEP, 1)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(10_000);
        assertThat(timeline.seen().get(timeline.seen().size() - 1)).singleElement()
                .satisfies(f -> assertThat(f.summary()).as("no wait there was seen to end")
                        .doesNotContain("its earlier waits there"));
    }

    @Test
    void aThreadFirstSeenWaitingAfterManyWaitsElsewhereKeepsTheStuckAfterRule() {
        // a stage that polled its input fifty times, first seen blocked in put(): nothing says it came back from there
        timeline.run(0, 12_000, STEP, t -> List.of(
                thread(31, "transform", "WAITING", Stacks.PIPELINE_PUT, CONDITION, 0, 50, 9_000_000L)));

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(5_000);
    }

    @Test
    void aWaitElsewhereIsJudgedByStuckAfter() {
        // the same thread, after its events, now waits on another object: its history there is empty
        timeline.run(0, 20_000, STEP, t -> {
            if (t < 10_000) {
                long last = lastEventBefore(t, 900, 3_000, Long.MAX_VALUE);
                return List.of(writer(t, last, (int) ((last - 900) / 3_000 + 1)));
            }
            return List.of(thread(21, "audit-writer", "WAITING", Stacks.PIPELINE_PUT,
                    "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@ffff", 0, 9, 9_000_000L));
        });

        assertThat(timeline.firstFindingAt(0, STEP)).isEqualTo(15_000);
    }
}
