package dev.threadhound.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FramesTest {

    @Test
    void readsClassAndMethodWhateverThePrefix() {
        assertThat(Frames.method("java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)"))
                .isEqualTo("java.util.concurrent.ThreadPoolExecutor.getTask");
        assertThat(Frames.method("java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)"))
                .isEqualTo("java.util.concurrent.ThreadPoolExecutor.getTask");
        assertThat(Frames.method("java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)"))
                .isEqualTo("jdk.internal.misc.Unsafe.park");
        assertThat(Frames.method("app//com.acme.Main.main(Main.java:3)")).isEqualTo("com.acme.Main.main");
        assertThat(Frames.method("app/jdk.compiler@17.0.15/com.sun.tools.javac.launcher.Main.run(Main.java:192)"))
                .isEqualTo("com.sun.tools.javac.launcher.Main.run");
    }

    @Test
    void aStackOfTheJdksOwnIsNamedByTheCallThatWaitsNotByHowItParks() {
        // an AsynchronousChannelGroup's worker: nothing of the application's on its stack
        List<String> stack = List.of(
                "java.base/jdk.internal.misc.Unsafe.park(Native Method)",
                "java.base/java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionNode.block(AbstractQueuedSynchronizer.java:506)",
                "java.base/java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject.await(AbstractQueuedSynchronizer.java:1623)",
                "java.base/java.util.concurrent.ArrayBlockingQueue.take(ArrayBlockingQueue.java:420)",
                "java.base/sun.nio.ch.EPollPort$EventHandlerTask.run(EPollPort.java:275)");
        assertThat(Frames.pastWaiting(stack)).isEqualTo(4);
        assertThat(Frames.pastWaiting(List.of("java.base/java.lang.Object.wait(Native Method)"))).isZero();
    }

    @Test
    void readsLambdaFramesWhoseClassNameHoldsASlash() {
        String frame = "Probe$$Lambda$233/0x00007fc720154ce8.run(Unknown Source)";
        assertThat(Frames.method(frame)).isEqualTo("Probe$$Lambda$233.run");
        assertThat(Frames.className(frame)).isEqualTo("Probe$$Lambda$233");
        assertThat(Frames.methodName(frame)).isEqualTo("run");
        assertThat(Frames.synthetic(frame)).isTrue();
        assertThat(Frames.method("app//com.acme.Fanout$$Lambda/0x000000003616a230.run(Unknown Source)"))
                .isEqualTo("com.acme.Fanout$$Lambda.run");
    }

    @Test
    void platformAndGlueAreJudgedOnTheClassAndMethodWhateverTheFrameLooksLike() {
        // read in place rather than through method(): the same answers for every form a frame takes
        List<String> frames = List.of(
                "java.base/java.util.concurrent.ThreadPoolExecutor.getTask(ThreadPoolExecutor.java:1070)",
                "java.base@17.0.15/jdk.internal.misc.Unsafe.park(Native Method)",
                "app//com.acme.Main.main(Main.java:3)",
                "app//com.acme.java.Main.main(Main.java:3)",
                "app/jdk.compiler@17.0.15/com.sun.tools.javac.launcher.Main.run(Main.java:192)",
                "com.acme.Main.main",
                "java.lang.Thread.run",
                "app//com.acme.Fanout$$Lambda/0x000000003616a230.run(Unknown Source)",
                "java.base/java.lang.invoke.LambdaForm$DMH/0x0000000800c0c000.invokeVirtual(LambdaForm$DMH)",
                "app//com.acme.Handler.apply(LambdaForm$Holder.java:1)",
                "app//com.acme.Handler$$Lambda$12.run(Unknown Source)",
                "java.base/java.util.concurrent.FutureTask.run(/0x/FutureTask.java:264)",
                "dev.threadhound.agent.track.ThreadRegistry.started(ThreadRegistry.java:10)",
                "app//dev.threadhound.samples.Pipeline.run(Pipeline.java:10)");
        List<String> platform = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.threadhound.agent.");
        for (String frame : frames) {
            String method = Frames.method(frame);
            assertThat(Frames.platform(frame)).as(frame).isEqualTo(platform.stream().anyMatch(method::startsWith));
            assertThat(Frames.synthetic(frame)).as(frame)
                    .isEqualTo(method.contains("$$Lambda") || method.contains("LambdaForm$"));
            int dot = method.lastIndexOf('.');
            String className = method.substring(0, Math.max(dot, 0));
            String methodName = method.substring(dot + 1);
            assertThat(Frames.is(frame, className, methodName)).as(frame).isTrue();
            assertThat(Frames.is(frame, className, methodName + "X")).as(frame).isFalse();
            assertThat(Frames.is(frame, className + "X", methodName)).as(frame).isFalse();
            assertThat(Frames.is(frame, className, methodName.substring(1))).as(frame).isFalse();
        }
    }

    @Test
    void matchesClassAndMethodIgnoringLine() {
        assertThat(Frames.is("java.base/java.lang.Thread.join(Thread.java:1313)", "java.lang.Thread", "join")).isTrue();
        assertThat(Frames.is("java.lang.Thread.joinNanos(Thread.java:13)", "java.lang.Thread", "join")).isFalse();
    }

    @Test
    void firstApplicationFrameSkipsPlatformAgentAndLambdaGlue() {
        List<String> stack = List.of(
                "java.base/java.lang.Thread.start(Thread.java:809)",
                "dev.threadhound.agent.track.ThreadRegistry.started(ThreadRegistry.java:10)",
                "javax.management.Foo.bar(Foo.java:1)",
                "com.sun.net.httpserver.HttpServer.start(HttpServer.java:1)",
                "sun.nio.ch.Net.poll(Native Method)",
                "com.acme.Svc$$Lambda$12/0x0000000800c0b000.run(Unknown Source)",
                "com.acme.Svc.start(Svc.java:17)");
        assertThat(Frames.firstApplicationFrame(stack)).contains("com.acme.Svc.start(Svc.java:17)");
        assertThat(Frames.firstApplicationIndex(stack)).isEqualTo(6);
        assertThat(Frames.firstApplicationFrame(List.of("java.lang.Thread.run(Thread.java:840)"))).isEmpty();
        assertThat(Frames.firstApplicationFrame(List.of())).isEmpty();
    }

    @Test
    void threadhoundsSampleWorkloadsAreApplicationsButItsAgentIsNot() {
        List<String> stack = List.of(
                "dev.threadhound.agent.track.ThreadRegistry.started(ThreadRegistry.java:10)",
                "dev.threadhound.shaded.net.bytebuddy.Foo.bar(Foo.java:1)",
                "dev.threadhound.samples.pipeline.Pipeline.start(Pipeline.java:30)");
        assertThat(Frames.firstApplicationFrame(stack))
                .contains("dev.threadhound.samples.pipeline.Pipeline.start(Pipeline.java:30)");
    }

    @Test
    void namesSitesShortly() {
        String frame = "app//com.acme.Pipeline$Stage.run(Pipeline.java:52)";
        assertThat(Frames.siteName(frame)).isEqualTo("Pipeline$Stage.run:52");
        assertThat(Frames.shortFrame(frame)).isEqualTo("Pipeline$Stage.run(Pipeline.java:52)");
        assertThat(Frames.shortMethod("java.base/java.util.concurrent.ArrayBlockingQueue.put(ArrayBlockingQueue.java:370)"))
                .isEqualTo("ArrayBlockingQueue.put");
        assertThat(Frames.siteName("jdk.internal.misc.Unsafe.park(Native Method)")).isEqualTo("Unsafe.park");
        assertThat(Frames.siteName("com.acme.Gen.call(Unknown Source)")).isEqualTo("Gen.call");
        assertThat(Frames.line("com.acme.A.b(A.java:7)")).isEqualTo(7);
        assertThat(Frames.line("com.acme.A.b")).isEqualTo(-1);
    }

    @Test
    void shortensIdentitiesAndClasses() {
        assertThat(Frames.shortIdentity("java.util.concurrent.CountDownLatch$Sync@1b6d3586"))
                .isEqualTo("CountDownLatch$Sync@1b6d3586");
        assertThat(Frames.shortIdentity("Lock")).isEqualTo("Lock");
        assertThat(Frames.simpleClass("com.acme.Orders$$Lambda/0x000000003616a230")).isEqualTo("Orders$$Lambda");
        assertThat(Frames.simpleClass("Job")).isEqualTo("Job");
    }
}
