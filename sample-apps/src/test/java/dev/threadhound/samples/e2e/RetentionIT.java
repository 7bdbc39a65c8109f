package dev.threadhound.samples.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten million completed tasks leave nothing behind in the agent: the heap in use after GC is the same within
 * 1 MB before and after them, on JDK 17 and 25. A memory check, not a timing one; one object kept per task would
 * show as well over 100 MB.
 */
class RetentionIT {

    private static final long ONE_MB = 1024 * 1024;
    private static final Pattern HEAP = Pattern.compile("heap after GC: before=(\\d+) after=(\\d+) retained=(-?\\d+) tasks=(\\d+)");

    @Test
    void tenMillionCompletedTasksLeaveTheHeapFlat() {
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
                jvms.add(ChildJvm.on(jdk).name("retention").agent("port=0")
                        .main("dev.threadhound.samples.bench.Retention").args("10000000").start());
            }
            for (ChildJvm jvm : jvms) {
                assertThat(jvm.awaitExit(Duration.ofSeconds(120))).as(jvm.output()).isZero();
                String out = jvm.output();
                assertThat(out).as("the agent was running").contains("agent: present");
                Matcher m = HEAP.matcher(out);
                assertThat(m.find()).as(out).isTrue();
                assertThat(Long.parseLong(m.group(4))).as("tasks completed").isEqualTo(10_000_000L);
                assertThat(Long.parseLong(m.group(3))).as("bytes retained after 10M tasks:\n" + out).isLessThan(ONE_MB);
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
    }
}
