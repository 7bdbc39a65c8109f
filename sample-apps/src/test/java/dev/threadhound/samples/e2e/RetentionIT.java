package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Completed tasks and ended threads leave nothing behind in the agent: the heap in use after GC is the same within
 * 1 MB before and after ten million tasks (the agent at its defaults), and before and after many short-lived
 * threads (200,000 virtual ones on JDK 25, 20,000 platform ones on JDK 17), on JDK 17 and 25. A memory check, not a
 * timing one: one object kept per task would show as well over 100 MB, and an ended thread's origin kept until the
 * next detector cycle as 17 MB (JDK 17) and 175 MB (JDK 25). For the threads the cycles are a minute apart, so that
 * it is the thread's end, not a cycle, that lets go of it.
 */
class RetentionIT {

    private static final long ONE_MB = 1024 * 1024;
    private static final Pattern HEAP = Pattern.compile(
            "heap after GC: before=(\\d+) after=(\\d+) retained=(-?\\d+) tasks=(\\d+) threads=(\\d+)");

    @Test
    void tenMillionCompletedTasksAndManyEndedThreadsLeaveTheHeapFlat() {
        List<ChildJvm> jvms = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                long threads = jdk.version() >= 21 ? 200_000 : 20_000;
                jvms.add(ChildJvm.on(jdk).name("retention-tasks").agent("port=0")
                        .main("dev.threadhound.samples.bench.Retention").args("10000000", "0").start());
                expected.add(new long[] {10_000_000, 0});
                jvms.add(ChildJvm.on(jdk).name("retention-threads").agent("port=0,interval=60s,stuckAfter=60s")
                        .main("dev.threadhound.samples.bench.Retention").args("0", String.valueOf(threads)).start());
                expected.add(new long[] {0, threads});
            }
            for (int i = 0; i < jvms.size(); i++) {
                ChildJvm jvm = jvms.get(i);
                assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.output()).isZero();
                String out = jvm.output();
                assertThat(out).as("the agent was running").contains("agent: present");
                Matcher m = HEAP.matcher(out);
                assertThat(m.find()).as(out).isTrue();
                assertThat(Long.parseLong(m.group(4))).as("tasks completed").isEqualTo(expected.get(i)[0]);
                assertThat(Long.parseLong(m.group(5))).as("threads ended").isEqualTo(expected.get(i)[1]);
                assertThat(Long.parseLong(m.group(3))).as("bytes retained:\n" + out).isLessThan(ONE_MB);
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }
}
