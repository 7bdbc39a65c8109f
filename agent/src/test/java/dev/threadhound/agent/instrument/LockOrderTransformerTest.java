package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.TestLockProbe;
import dev.threadhound.agent.track.LockSite;
import dev.threadhound.agent.track.LockSites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lock-order rewrite on {@link LockShapes}: the rewritten class verifies and behaves as before, every lock it
 * takes is reported under the locks held at that moment, and whatever way a method ends, nothing stays held.
 */
class LockOrderTransformerTest {

    private final LockSites sites = new LockSites();
    private final LockOrderTransformer transformer = new LockOrderTransformer(sites);
    private TestLockProbe probe;
    private Class<?> shapes;
    private Object instance;

    @BeforeEach
    void rewriteAndLoad() throws Exception {
        probe = TestLockProbe.fresh();
        String name = LockShapes.class.getName();
        byte[] rewritten = transformer.rewrite(bytes(LockShapes.class));
        assertThat(rewritten).as("LockShapes takes locks").isNotNull();
        shapes = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String n, boolean resolve) throws ClassNotFoundException {
                return n.equals(name) ? defineClass(n, rewritten, 0, rewritten.length) : super.loadClass(n, resolve);
            }
        }.loadClass(name);
        instance = shapes.getConstructor().newInstance();
    }

    private Object call(String method, Object... args) throws Exception {
        for (Method m : shapes.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                try {
                    return m.invoke(instance, args);
                } catch (InvocationTargetException e) {
                    throw (Exception) e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(method);
    }

    private Object field(String name) throws Exception {
        java.lang.reflect.Field f = shapes.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(instance);
    }

    /** Nothing is held: the next nested acquisition reports exactly its own outer lock. */
    private void nothingHeld() throws Exception {
        Object a = new Object();
        Object b = new Object();
        probe.chains.clear();
        call("nested", a, b);
        assertThat(probe.chains).as("what the thread still held").singleElement()
                .satisfies(c -> assertThat(c.held()).containsExactly(a));
        probe.chains.clear();
    }

    private LockSite site(TestLockProbe.Chain chain) {
        return sites.of(chain.site());
    }

    @Test
    void nestedMonitorsAreReportedWithTheLockHeldAndTheirNames() throws Exception {
        Object a = new Object();
        Object b = new Object();
        assertThat(call("nested", a, b)).isEqualTo(a.hashCode() ^ b.hashCode());
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(a);
            assertThat(c.lock()).isSameAs(b);
            assertThat(site(c).lockName()).isEqualTo("to in LockShapes.nested");
            assertThat(site(c).frame()).isEqualTo(LockShapes.class.getName() + ".nested(LockShapes.java:27)");
        });
        probe.chains.clear();

        call("fields");
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(field("first"));
            assertThat(site(c).lockName()).isEqualTo("LockShapes.second");
        });
        nothingHeld();
    }

    @Test
    void synchronizedMethodsHoldTheirReceiverOrClassAndReleaseItHoweverTheyEnd() throws Exception {
        call("synchronizedMethod");
        assertThat(probe.chains).singleElement().satisfies(c -> assertThat(c.held()).containsExactly(instance));
        probe.chains.clear();

        Object inside = new Object();
        call("staticSynchronized", inside);
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(shapes);
            assertThat(c.lock()).isSameAs(inside);
        });
        nothingHeld();

        assertThatThrownBy(() -> call("synchronizedThrows")).isInstanceOf(IllegalStateException.class);
        nothingHeld();

        assertThat(call("synchronizedCatches")).isEqualTo(1L);
        nothingHeld();
    }

    @Test
    void aThreadBlockedEnteringASynchronizedMethodStillShowsTheMethodsLine() throws Exception {
        Thread caller = new Thread(() -> {
            try {
                call("synchronizedMethod");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "caller");
        synchronized (instance) {
            caller.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (caller.getState() != Thread.State.BLOCKED && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            StackTraceElement blocked = java.util.Arrays.stream(caller.getStackTrace())
                    .filter(f -> f.getMethodName().equals("synchronizedMethod")).findFirst().orElseThrow();
            assertThat(blocked.getLineNumber()).as("the hook before the body has the method's first line")
                    .isGreaterThan(0);
        }
        caller.join(10_000);
    }

    @Test
    void eachSiteNamesItsLockAfterTheFieldOrVariableItCameFrom() {
        List<String> names = java.util.stream.IntStream.range(0, sites.size()).mapToObj(i -> sites.of(LockSites.passed(i, false, false)))
                .filter(s -> s != null && s.lockName() != null).map(LockSite::lockName).distinct().toList();
        assertThat(names).containsExactlyInAnyOrder("from in LockShapes.nested", "to in LockShapes.nested",
                "LockShapes.first", "LockShapes.second", "LockShapes.this", "LockShapes.class",
                "inside in LockShapes.staticSynchronized", "LockShapes.lock", "LockShapes.other",
                "outer in LockShapes.timed", "inner in LockShapes.timed", "outer in LockShapes.tried",
                "inner in LockShapes.tried", "inside in LockShapes.tried", "LockShapes.rw", "LockShapes.stamped");
    }

    @Test
    void reentrantLocksAreReportedAndReleased() throws Exception {
        call("reentrantLocks");
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(field("lock"));
            assertThat(c.lock()).isSameAs(field("other"));
        });
        nothingHeld();
    }

    @Test
    void aTimedTryLockMayBlockSoItIsAnEdgeAndHeldWhenItSucceeds() throws Exception {
        ReentrantLock outer = new ReentrantLock();
        ReentrantLock inner = new ReentrantLock();
        assertThat(call("timed", outer, inner)).isEqualTo(true);
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(outer);
            assertThat(c.lock()).isSameAs(inner);
        });
        nothingHeld();
    }

    @Test
    void anUntimedTryLockIsNoEdgeButHeldAfterwardsAndAFailedOneIsNotHeld() throws Exception {
        ReentrantLock outer = new ReentrantLock();
        ReentrantLock inner = new ReentrantLock();
        Object inside = new Object();
        assertThat(call("tried", outer, inner, inside)).isEqualTo(true);
        assertThat(probe.chains).singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(outer, inner);
            assertThat(c.lock()).isSameAs(inside);
        });
        nothingHeld();

        Thread holder = new Thread(inner::lock);
        holder.start();
        holder.join();
        assertThat(call("tried", outer, inner, inside)).isEqualTo(false);
        assertThat(probe.chains).isEmpty();
        nothingHeld();
    }

    @Test
    void aLockInterruptiblyThatThrowsLeavesNothingHeld() throws Exception {
        call("interruptible");
        assertThat(Thread.interrupted()).isFalse();
        assertThat(probe.chains).as("the attempt is an edge: the thread was ready to block").singleElement()
                .satisfies(c -> assertThat(c.lock()).isSameAs(field("other")));
        nothingHeld();
    }

    @Test
    void aReadLockInsideTheWriteLockOfTheSameLockIsARe_entry() throws Exception {
        call("readInsideWrite");
        Object rw = field("rw");
        Object key = TestLockProbe.key(((java.util.concurrent.locks.ReentrantReadWriteLock) rw).readLock());
        assertThat(key).isSameAs(TestLockProbe.key(((java.util.concurrent.locks.ReentrantReadWriteLock) rw).writeLock()));
        assertThat(probe.chains).as("only the monitor inside both").singleElement().satisfies(c -> {
            assertThat(c.held()).containsExactly(key, key);
            assertThat(c.lock()).isSameAs(field("first"));
        });
        nothingHeld();
    }

    @Test
    void stampedLocksAreHeldBetweenTheirStampAndItsUnlockAndReadsAreShared() throws Exception {
        call("stamps");
        assertThat(probe.chains).singleElement().satisfies(c -> assertThat(c.held()).containsExactly(field("stamped")));
        nothingHeld();
        call("readStamp");
        assertThat(probe.chains).singleElement().satisfies(c -> assertThat(c.held()).containsExactly(field("stamped")));
        nothingHeld();
    }

    @Test
    void waitNeedsNoHookTheMonitorStaysHeldAcrossIt() throws Exception {
        call("waits");
        assertThat(probe.chains).isEmpty();
        nothingHeld();
    }

    @Test
    void aProbeThatThrowsNeverReachesTheApplication() throws Exception {
        probe.failing = true;
        Object a = new Object();
        Object b = new Object();
        assertThat(call("nested", a, b)).isEqualTo(a.hashCode() ^ b.hashCode());
        call("reentrantLocks");
        assertThat(probe.chains).hasSize(2);
        probe.failing = false;
        nothingHeld();
    }

    @Test
    void classesWithoutLocksTheJdkAndThreadhoundAreLeftAlone() throws Exception {
        assertThat(transformer.rewrite(bytes(LockName.class))).as("no lock in it").isNull();
        // Not the test's own loader: in these tests that is also the agent's, whose classes are never rewritten.
        ClassLoader app = new ClassLoader(getClass().getClassLoader()) { };
        assertThat(transformer.transform(app, "java/util/Vector", null, null, bytes(java.util.Vector.class))).isNull();
        assertThat(transformer.transform(null, "com/acme/Shapes", null, null, bytes(LockShapes.class)))
                .as("the boot loader's").isNull();
        assertThat(transformer.transform(ClassLoader.getPlatformClassLoader(), "com/acme/Shapes", null, null,
                bytes(LockShapes.class))).as("the platform loader's").isNull();
        assertThat(transformer.transform(app, "dev/threadhound/agent/track/LockGraph", null, null, bytes(LockShapes.class)))
                .isNull();
        assertThat(transformer.transform(app, "dev/threadhound/samples/pipeline/Ledger", null, null,
                bytes(LockShapes.class))).as("the samples are applications").isNotNull();
    }

    @Test
    void aClassThatCannotBeRewrittenIsLeftAsItWasWithoutThrowing() {
        assertThat(transformer.transform(new ClassLoader(getClass().getClassLoader()) { }, "com/acme/Broken", null, null,
                new byte[] {(byte) 0xCA, (byte) 0xFE, 1, 2, 3})).isNull();
    }

    /**
     * HotSpot's C1 compiles a method only when its monitors are provably balanced and no exception handler can throw
     * into itself from a call: a rewrite that broke either would leave the application's locking code interpreted.
     */
    @Test
    void rewrittenMethodsStillCompileWithTheFirstTierJit() throws Exception {
        Process jvm = new ProcessBuilder(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+PrintCompilation",
                "--add-opens", "java.base/java.util.concurrent.locks=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), CompiledShapes.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jvm.waitFor()).as(output).isZero();
        List<String> shapes = output.lines().filter(l -> l.contains("LockShapes::")).toList();
        assertThat(shapes).as(output).noneMatch(l -> l.contains("COMPILE SKIPPED") || l.contains("not compilable"));
        for (String method : List.of("nested", "fields", "synchronizedMethod", "staticSynchronized", "synchronizedThrows",
                "reentrantLocks", "timed", "tried", "readInsideWrite", "stamps", "waits")) {
            assertThat(shapes).as("compiled: " + method + "\n" + output).anyMatch(l -> l.contains("LockShapes::" + method + " "));
        }
    }

    private static byte[] bytes(Class<?> type) throws IOException {
        try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }
}
