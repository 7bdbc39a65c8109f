package dev.threadhound.agent.track;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExecutorNamesTest {

    @Test
    void threadNamePrefixWithoutItsCounter() {
        assertThat(ExecutorNames.prefixOf("pipeline-worker-3")).isEqualTo("pipeline-worker");
        assertThat(ExecutorNames.prefixOf("http-nio-8080-exec-12")).isEqualTo("http-nio-8080-exec");
        assertThat(ExecutorNames.prefixOf("ingest#7")).isEqualTo("ingest");
        assertThat(ExecutorNames.prefixOf("single")).isEqualTo("single");
    }

    @Test
    void defaultFactoryNamesSayNothingSoTheSiteNamesThePool() {
        assertThat(ExecutorNames.prefixOf("pool-3-thread-1")).isNull();
        assertThat(ExecutorNames.prefixOf("ForkJoinPool-2-worker-5")).isNull();
        assertThat(ExecutorNames.prefixOf("")).isNull();
        assertThat(ExecutorNames.prefixOf("42")).isNull();
        assertThat(ExecutorNames.prefixOf("ForkJoinPool.commonPool-worker-3")).isEqualTo("ForkJoinPool.commonPool");
    }

    @Test
    void siteNameIsTheFirstApplicationFrame() {
        StackTraceElement[] site = {
                new StackTraceElement("java.util.concurrent.ThreadPoolExecutor", "<init>", "ThreadPoolExecutor.java", 1312),
                new StackTraceElement("java.util.concurrent.Executors", "newFixedThreadPool", "Executors.java", 92),
                new StackTraceElement("com.acme.orders.RequestHandler", "handle", "RequestHandler.java", 41),
        };
        assertThat(ExecutorNames.siteName(site)).isEqualTo("RequestHandler.handle:41");
        assertThat(ExecutorNames.siteName(new StackTraceElement[0])).isNull();
    }
}
