package dev.threadhound.agent.track;

import dev.threadhound.model.ExecutorKind;
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
    void threadsAFactoryLeftUnnamedSayNothingEither() {
        // Executors.newFixedThreadPool(2, Thread::new): the JDK names each thread Thread-N
        assertThat(ExecutorNames.prefixOf("Thread-12")).isNull();
        assertThat(ExecutorNames.prefixOf("Thread-0")).isNull();
        assertThat(ExecutorNames.prefixOf("Thread-reader-2")).isEqualTo("Thread-reader");
        assertThat(ExecutorNames.prefixOf("ThreadPool-2")).isEqualTo("ThreadPool");
    }

    @Test
    void anUnnamedPoolIsNamedByItsCreationSite() {
        ExecutorOrigin origin = new ExecutorOrigin("java.util.concurrent.ThreadPoolExecutor@1b6d3586",
                ExecutorKind.THREAD_POOL, new StackTraceElement[]{
                        new StackTraceElement("java.util.concurrent.Executors", "newFixedThreadPool", "Executors.java", 92),
                        new StackTraceElement("com.acme.orders.RequestHandler", "handle", "RequestHandler.java", 41)},
                0, -1);
        origin.nameFromWorker("Thread-7");

        assertThat(ExecutorNames.name(origin)).isEqualTo("RequestHandler.handle:41");
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
