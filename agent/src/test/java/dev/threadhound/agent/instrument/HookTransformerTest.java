package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.TestProbe;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The rewriting itself: which JDK methods gain which bridge call, and that rewritten code verifies and runs. */
class HookTransformerTest {

    private static final String TPE = "java/util/concurrent/ThreadPoolExecutor";
    private static final String CONDITION = "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject";

    @Test
    void everyJdkClassOfThisJdkGainsItsBridgeCalls() throws IOException {
        List<String> errors = new ArrayList<>();
        HookTransformer transformer = new HookTransformer(JdkInstrumentation.HOOKS, errors, null);

        Map<String, List<String>> tpe = bridgeCalls(transformer.transform(null, TPE, null, null, jdkBytes(TPE)));
        assertThat(tpe).containsEntry("execute(Ljava/lang/Runnable;)V", List.of("taskExecuted"))
                .containsEntry("beforeExecute(Ljava/lang/Thread;Ljava/lang/Runnable;)V", List.of("taskStarting"))
                .containsEntry("afterExecute(Ljava/lang/Runnable;Ljava/lang/Throwable;)V", List.of("taskFinished"))
                .containsEntry("shutdown()V", List.of("executorShutdown"))
                .containsEntry("shutdownNow()Ljava/util/List;", List.of("executorShutdown"));
        assertThat(tpe.keySet()).anyMatch(m -> m.startsWith("runWorker(")).anyMatch(m -> m.startsWith("reject("));
        assertThat(tpe.entrySet()).filteredOn(e -> e.getKey().startsWith("<init>"))
                .as("only the 7-argument constructor, the one every other delegates to").singleElement()
                .satisfies(e -> assertThat(e.getValue()).containsOnly("executorCreated"));

        Map<String, List<String>> thread = bridgeCalls(transformer.transform(null, "java/lang/Thread", null, null,
                jdkBytes("java/lang/Thread")));
        assertThat(thread).containsEntry("start()V", List.of("threadStarting"))
                .containsEntry("dispatchUncaughtException(Ljava/lang/Throwable;)V", List.of("threadDied"))
                .containsEntry("exit()V", List.of("threadEnded"));
        if (Runtime.version().feature() >= 21) {
            Map<String, List<String>> virtual = bridgeCalls(transformer.transform(null, "java/lang/VirtualThread", null,
                    null, jdkBytes("java/lang/VirtualThread")));
            assertThat(virtual).containsEntry("run(Ljava/lang/Runnable;)V", List.of("threadEnded"))
                    .doesNotContainKey("run()V");
            if (Runtime.version().feature() >= 24) {
                assertThat(virtual).as("a block on a monitor ends (monitors no longer pin)")
                        .containsEntry("unblock()V", List.of("virtualThreadUnblocked"));
            }
            assertThat(virtual).containsEntry("afterYield()V", List.of("virtualThreadYielded"));
        }
        assertThat(JdkInstrumentation.hooks(true)).as("Object is never redefined: heap dumps would name it twice")
                .doesNotContainKey("java/lang/Object");

        Map<String, List<String>> future = bridgeCalls(transformer.transform(null, "java/util/concurrent/FutureTask", null,
                null, jdkBytes("java/util/concurrent/FutureTask")));
        assertThat(future).containsOnlyKeys("setException(Ljava/lang/Throwable;)V", "cancel(Z)Z")
                .containsEntry("setException(Ljava/lang/Throwable;)V", List.of("taskFailed"))
                .containsEntry("cancel(Z)Z", List.of("taskCancelled"));

        Map<String, List<String>> condition = bridgeCalls(transformer.transform(null, CONDITION, null, null,
                jdkBytes(CONDITION)));
        assertThat(condition).as("the timed waits only: an untimed one ends by a signal, or never")
                .containsOnlyKeys("awaitNanos(J)J", "await(JLjava/util/concurrent/TimeUnit;)Z", "awaitUntil(Ljava/util/Date;)Z")
                // one call before each return (JDK 25's have two)
                .hasEntrySatisfying("awaitNanos(J)J", calls -> assertThat(calls).containsOnly("conditionWaitEnded"))
                .hasEntrySatisfying("await(JLjava/util/concurrent/TimeUnit;)Z",
                        calls -> assertThat(calls).containsOnly("conditionWaitReturned"));

        Map<String, List<String>> submit = bridgeCalls(transformer.transform(null,
                "java/util/concurrent/AbstractExecutorService", null, null, jdkBytes("java/util/concurrent/AbstractExecutorService")));
        assertThat(submit.keySet()).hasSize(3).allMatch(m -> m.startsWith("submit("));

        assertThat(errors).isEmpty();
    }

    @Test
    void withTasksOffThePoolsKeepTheirLifeCycleHooksAndNothingRunsPerTask() throws IOException {
        List<String> errors = new ArrayList<>();
        HookTransformer transformer = new HookTransformer(JdkInstrumentation.hooks(false), errors, null);

        Map<String, List<String>> tpe = bridgeCalls(transformer.transform(null, TPE, null, null, jdkBytes(TPE)));
        assertThat(tpe.values().stream().flatMap(List::stream).distinct())
                .containsExactlyInAnyOrder("executorCreated", "executorShutdown", "workerStarted", "taskRejected");
        assertThat(transformer.transform(null, "java/util/concurrent/AbstractExecutorService", null, null,
                jdkBytes("java/util/concurrent/AbstractExecutorService"))).as("submit() is left as it is").isNull();
        Map<String, List<String>> thread = bridgeCalls(transformer.transform(null, "java/lang/Thread", null, null,
                jdkBytes("java/lang/Thread")));
        assertThat(thread).containsEntry("start()V", List.of("threadStarting"));
        assertThat(errors).isEmpty();
    }

    @Test
    void classesOfOtherLoadersAndOtherNamesAreLeftAlone() throws IOException {
        HookTransformer transformer = new HookTransformer(JdkInstrumentation.HOOKS, new ArrayList<>(), null);
        assertThat(transformer.transform(getClass().getClassLoader(), TPE, null, null, jdkBytes(TPE))).isNull();
        assertThat(transformer.transform(null, "java/util/ArrayList", null, null, jdkBytes("java/util/ArrayList"))).isNull();
    }

    @Test
    void unreadableBytesAreReportedAndTheClassStaysAsItWas() {
        List<String> errors = new ArrayList<>();
        HookTransformer transformer = new HookTransformer(JdkInstrumentation.HOOKS, errors, null);
        assertThat(transformer.transform(null, TPE, null, null, new byte[] {1, 2, 3})).isNull();
        assertThat(errors).singleElement().asString().startsWith("java.util.concurrent.ThreadPoolExecutor: ");
    }

    @Test
    void rewrittenCodeVerifiesAndCallsTheBridgeWithTheRightValues() throws Exception {
        TestProbe probe = TestProbe.fresh();
        Class<?> shape = rewritten(PoolShape.class, JdkInstrumentation.HOOKS.get(TPE));

        Object pool = shape.getConstructors()[0].newInstance(1, 2, 3L, null, null, null, null);
        Runnable task = () -> { };
        shape.getMethod("execute", Runnable.class).invoke(pool, task);
        invoke(shape, pool, "beforeExecute", new Class<?>[] {Thread.class, Runnable.class}, Thread.currentThread(), task);
        invoke(shape, pool, "afterExecute", new Class<?>[] {Runnable.class, Throwable.class}, task, null);
        invoke(shape, pool, "runWorker", new Class<?>[] {Object.class}, "worker");
        invoke(shape, pool, "reject", new Class<?>[] {Runnable.class}, task);
        assertThat(shape.getMethod("shutdownNow").invoke(pool)).isEqualTo(List.of());

        String t = Thread.currentThread().getName();
        assertThat(probe.calls).containsExactly(
                "executorCreated(pool)",
                "taskExecuted(pool, " + task + ")",
                "taskStarting(pool, " + task + ")",
                "taskFinished(pool, " + task + ")",
                "workerStarted(pool, " + t + ")",
                "taskRejected(pool, " + task + ")",
                "executorShutdown(pool)");
    }

    @Test
    void aTimedWaitOnAConditionThatReturnsInTimeTellsTheBridgeItWasSignalled() throws Exception {
        TestProbe probe = TestProbe.fresh();
        Class<?> shape = rewritten(ConditionShape.class, JdkInstrumentation.HOOKS.get(CONDITION));
        Object condition = shape.getConstructor().newInstance();

        assertThat(shape.getMethod("awaitNanos", long.class).invoke(condition, 5_000L)).isEqualTo(4_000L);
        assertThat(shape.getMethod("awaitNanos", long.class).invoke(condition, 500L)).isEqualTo(-1_500L);
        assertThat(shape.getMethod("await", long.class, TimeUnit.class).invoke(condition, 1L, TimeUnit.SECONDS))
                .isEqualTo(true);
        assertThat(shape.getMethod("awaitUntil", Date.class).invoke(condition, new Date(0))).isEqualTo(false);
        shape.getMethod("await").invoke(condition);

        String t = Thread.currentThread().getName();
        assertThat(probe.calls).as("the waits in time only, with the values they returned unchanged")
                .containsExactly("conditionSignalled(" + t + ")", "conditionSignalled(" + t + ")");
    }

    /** The class rewritten with {@code hooks} and loaded by a verifying class loader of its own. */
    private Class<?> rewritten(Class<?> original, List<HookPoint> hooks) throws Exception {
        String name = original.getName();
        byte[] bytes = original.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class").readAllBytes();
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new HookedClass(writer, hooks), 0);
        return new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                if (n.equals(name)) {
                    byte[] b = writer.toByteArray();
                    return defineClass(n, b, 0, b.length);
                }
                return super.loadClass(n, resolve);
            }
        }.loadClass(name);
    }

    private static void invoke(Class<?> type, Object target, String method, Class<?>[] params, Object... args)
            throws Exception {
        var m = type.getDeclaredMethod(method, params);
        m.setAccessible(true);
        m.invoke(target, args);
    }

    private static byte[] jdkBytes(String internalName) throws IOException {
        try (InputStream in = Object.class.getResourceAsStream("/" + internalName + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Method name and descriptor -> the bridge methods it calls, in order. */
    private static Map<String, List<String>> bridgeCalls(byte[] bytes) {
        assertThat(bytes).as("the class was rewritten").isNotNull();
        Map<String, List<String>> calls = new TreeMap<>();
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        if (owner.equals(HookPoint.bridge())) {
                            calls.computeIfAbsent(name + descriptor, k -> new ArrayList<>()).add(method);
                        }
                    }
                };
            }
        }, 0);
        return calls;
    }
}
