package dev.threadhound.samples.e2e;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.report.FindingsReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Well-known misuses of libraries from Maven Central, each in a program of its own ({@code samples.libraries}) run
 * under the real agent on JDK 17 and 25, with the correct use or the library's fixed version as a control that must
 * stay quiet: a Netty {@code HashedWheelTimer} per call, a timer's task that retries its wait when {@code stop()}
 * interrupts it (both wake ten times a second and never return; the control gives up), a commons-pool2 pool never closed (2.6.0, whose evictor is
 * not a daemon), a commons-pool2 pool per call (2.12.0: the pools' evictors pile up on its one shared scheduler),
 * an OkHttp client whose dispatcher outlives {@code main}, a HikariCP pool per call, a Netty event
 * loop group per call, a MongoDB client per call (its monitor thread and its pool's executor left behind each time;
 * the control keeps one client, whose monitor waits between heartbeats), a Commons Exec {@code waitFor()} for a process
 * that never ends (a loop of sleeps in the library's call; the control's watchdog ends the process, and a Netty timer
 * ticking through both is no hang), a JSch session per call never disconnected and an ActiveMQ connection per call
 * never closed (their threads reading the connections pile up; the controls disconnect, close, or take their sessions
 * from a commons-pool2 pool, and the embedded broker's own threads reading the other ends are a server's), HikariCP
 * callers retrying while the database is down (one polling-loop finding all along, logged once), a Reactor parallel
 * scheduler per call never disposed of (the control runs on Reactor's shared schedulers); and healthy programs
 * that must stay quiet
 * too: a Netty server whose worker group starts its loops as connections arrive, a fan-out on Guava's futures, which
 * callers wait for parked on the future itself (a wait for a result, not for a lock), a Caffeine cache whose entries
 * expire on the JDK's scheduler (on JDK 25 the common pool's timer thread, which waits for the next expiry), an
 * embedded ZooKeeper server and its client with nothing to do (their stages wait on queues), the same server
 * embedded as Curator's tests embed it with a Curator client (its runner waits for shutdown, the client's background
 * loop, a task on its own pool, for an operation to retry), an embedded Hazelcast member and an HSQLDB file database
 * with nothing to do (the member's workers wait on their queues, HSQLDB's timer for its next beat), a server on the
 * JDK's blocking sockets with a virtual thread per connection (Helidon 4's way) whose clients keep their connections
 * open and idle (each connection's thread waits in a read for the next request), workers on a thread per task
 * (virtual from JDK 21 on) taking turns at a commons-pool2 pool of two (each waits its turn in the pool's
 * {@code takeFirst()} at the same line, on the same condition, woken every few hundred milliseconds), and a service
 * logging through logback's or log4j2's asynchronous appender, or through log4j2's asynchronous loggers (an LMAX
 * Disruptor's event processor with a timed wait strategy), that has had nothing to log for longer than
 * {@code stuckAfter} (its worker waits for the next event).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibrariesIT {

    private static final String PACKAGE = "dev.threadhound.samples.libraries.";
    /**
     * How many library JVMs run at once, and how far apart they start: most of a JVM's CPU is its start, and some
     * seventy started at once (400 ms apart) on two cores had, in one full run in four, one JVM so starved that what it
     * was for went unseen (a half-second watchdog held off for seconds, a pool's evictors seen after they had gone).
     */
    private static final int AT_ONCE = 12;
    private static final Duration SPACING = Duration.ofMillis(300);

    /** A program, the jars it runs on (from {@code target/it-libs}) and its arguments. */
    private record Program(String main, List<String> jars, String... args) {
    }

    private static final Map<String, Program> CASES = new LinkedHashMap<>();

    /**
     * The controls whose threads wait their turn for a while by design, run with a longer {@code stuckAfter}: six
     * borrowers at a pool of two that does not serve its waiters in order, on a machine this class then crowded with
     * some seventy JVMs, left one of them waiting 2.4 s in a full run of 2026-12-06 (told as a leaked thread at the
     * usual 2 s), where each waits a few hundred milliseconds when the machine is not crowded.
     */
    private static final Map<String, String> DETECTION = Map.of(
            "commons-pool borrowers quiet", "stuckAfter=5s,interval=250ms,port=0");

    static {
        List<String> netty = List.of("libraries/netty-common-");
        List<String> okhttp = List.of("libraries/okhttp-", "libraries/okio-jvm-", "libraries/kotlin-stdlib-[0-9]");
        List<String> hikari = List.of("libraries/HikariCP-", "libraries/slf4j-api-", "libraries/h2-");
        CASES.put("netty timer-per-call", new Program("NettyTimerPerCall", netty));
        CASES.put("netty fixed", new Program("NettyTimerPerCall", netty, "--fixed"));
        CASES.put("netty stop-retried", new Program("NettyTimerStop", netty));
        CASES.put("netty stop-given-up", new Program("NettyTimerStop", netty, "--fixed"));
        List<String> nettyServer = List.of("libraries/netty-common-", "libraries/netty-transport-",
                "libraries/netty-buffer-", "libraries/netty-resolver-");
        CASES.put("netty group-per-call", new Program("NettyServer", nettyServer, "--group-per-call"));
        CASES.put("netty server warming up", new Program("NettyServer", nettyServer));
        CASES.put("commons-pool 2.6.0 never-closed", new Program("PoolNeverClosed", List.of("commons-pool2-2.6.0/commons-pool2-")));
        CASES.put("commons-pool 2.6.0 closed", new Program("PoolNeverClosed", List.of("commons-pool2-2.6.0/commons-pool2-"), "--fixed"));
        CASES.put("commons-pool 2.12.0 never-closed", new Program("PoolNeverClosed", List.of("libraries/commons-pool2-")));
        CASES.put("commons-pool 2.12.0 pool-per-call", new Program("PoolNeverClosed", List.of("libraries/commons-pool2-"),
                "--per-call"));
        CASES.put("commons-pool borrowers quiet", new Program("PoolBorrowers", List.of("libraries/commons-pool2-")));
        CASES.put("okhttp dispatcher-after-main", new Program("OkHttpAfterMain", okhttp));
        CASES.put("okhttp fixed", new Program("OkHttpAfterMain", okhttp, "--fixed"));
        CASES.put("hikari pool-per-call", new Program("HikariPerCall", hikari));
        CASES.put("hikari fixed", new Program("HikariPerCall", hikari, "--fixed"));
        CASES.put("hikari database down", new Program("HikariDatabaseDown", hikari));
        CASES.put("guava fan-out", new Program("GuavaFanOut", List.of("libraries/guava-", "libraries/failureaccess-")));
        CASES.put("caffeine expiry", new Program("CaffeineExpiry", List.of("libraries/caffeine-")));
        List<String> zookeeper = List.of("zookeeper/zookeeper-3",
                "zookeeper/zookeeper-jute-", "zookeeper/netty-handler-", "zookeeper/netty-codec-",
                "zookeeper/netty-common-", "zookeeper/netty-buffer-", "zookeeper/netty-transport-4",
                "zookeeper/netty-resolver-", "zookeeper/netty-transport-native-unix-common-", "zookeeper/slf4j-api-",
                "zookeeper/metrics-core-", "zookeeper/commons-io-", "zookeeper/snappy-java-");
        CASES.put("zookeeper quiet", new Program("QuietZooKeeper", zookeeper));
        List<String> curator = new ArrayList<>(zookeeper);
        curator.addAll(List.of("libraries/curator-framework-", "libraries/curator-client-", "libraries/curator-recipes-",
                "libraries/guava-", "libraries/failureaccess-"));
        CASES.put("curator quiet", new Program("QuietCurator", curator));
        List<String> mongo = List.of("libraries/mongodb-driver-sync-", "libraries/mongodb-driver-core-",
                "libraries/bson-[0-9]", "libraries/bson-record-codec-");
        CASES.put("mongo client-per-call", new Program("MongoPerCall", mongo));
        CASES.put("mongo fixed", new Program("MongoPerCall", mongo, "--fixed"));
        CASES.put("hazelcast quiet", new Program("QuietHazelcast", List.of("libraries/hazelcast-")));
        CASES.put("hsqldb quiet", new Program("QuietHsqldb", List.of("libraries/hsqldb-")));
        List<String> exec = List.of("libraries/commons-exec-", "libraries/netty-common-");
        CASES.put("commons-exec wait-for", new Program("ExecWaitFor", exec));
        CASES.put("commons-exec watchdog", new Program("ExecWaitFor", exec, "--fixed"));
        CASES.put("idle connections quiet", new Program("IdleConnections", List.of()));
        List<String> ssh = List.of("libraries/jsch-", "libraries/sshd-core-", "libraries/sshd-common-",
                "libraries/slf4j-api-", "libraries/commons-pool2-");
        CASES.put("jsch session-per-call", new Program("SshPerCall", ssh));
        CASES.put("jsch disconnected", new Program("SshPerCall", ssh, "--fixed"));
        CASES.put("jsch pooled", new Program("SshPerCall", ssh, "--pooled"));
        List<String> jms = List.of("libraries/activemq-broker-", "libraries/activemq-client-",
                "libraries/activemq-openwire-legacy-", "libraries/jakarta.jms-api-", "libraries/hawtbuf-",
                "libraries/slf4j-api-");
        CASES.put("activemq connection-per-call", new Program("JmsPerCall", jms));
        CASES.put("activemq closed", new Program("JmsPerCall", jms, "--fixed"));
        List<String> reactor = List.of("libraries/reactor-core-", "libraries/reactive-streams-");
        CASES.put("reactor scheduler-per-call", new Program("ReactorPerCall", reactor));
        CASES.put("reactor shared", new Program("ReactorPerCall", reactor, "--fixed"));
        List<String> vertx = List.of("vertx/vertx-core-5", "vertx/vertx-core-logging-", "vertx/netty-common-",
                "vertx/netty-buffer-", "vertx/netty-transport-4", "vertx/netty-handler-4",
                "vertx/netty-transport-native-unix-common-", "vertx/netty-codec-base-", "vertx/netty-handler-proxy-",
                "vertx/netty-codec-socks-", "vertx/netty-codec-http-", "vertx/netty-codec-compression-",
                "vertx/netty-codec-http2-", "vertx/netty-resolver-4", "vertx/netty-resolver-dns-4",
                "vertx/netty-codec-dns-", "vertx/jackson-core-");
        CASES.put("vertx instance-per-call", new Program("VertxPerCall", vertx));
        CASES.put("vertx closed", new Program("VertxPerCall", vertx, "--fixed"));
        List<String> otel = List.of("libraries/opentelemetry-api-", "libraries/opentelemetry-context-",
                "libraries/opentelemetry-common-", "libraries/opentelemetry-sdk-1", "libraries/opentelemetry-sdk-common-",
                "libraries/opentelemetry-sdk-trace-", "libraries/opentelemetry-sdk-metrics-",
                "libraries/opentelemetry-sdk-logs-");
        CASES.put("otel sdk-per-call", new Program("OtelPerCall", otel));
        CASES.put("otel shared", new Program("OtelPerCall", otel, "--fixed"));
        CASES.put("logback quiet", new Program("QuietLogging",
                List.of("logback/logback-classic-", "logback/logback-core-", "logback/slf4j-api-"),
                "logback.configurationFile", testClasses().resolve("libraries/logback-async.xml").toString()));
        CASES.put("log4j2 quiet", new Program("QuietLogging",
                List.of("log4j2/log4j-core-", "log4j2/log4j-api-", "log4j2/log4j-slf4j2-impl-", "log4j2/slf4j-api-"),
                "log4j2.configurationFile", testClasses().resolve("libraries/log4j2-async.xml").toString()));
        CASES.put("log4j2 async loggers quiet", new Program("QuietLogging",
                List.of("log4j2/log4j-core-", "log4j2/log4j-api-", "log4j2/log4j-slf4j2-impl-", "log4j2/slf4j-api-",
                        "log4j2/disruptor-"),
                "log4j2.configurationFile", testClasses().resolve("libraries/log4j2-async-loggers.xml").toString()));
    }

    private RunsInTurn runs;

    @BeforeAll
    void startAll() {
        Map<String, Supplier<AgentRun>> starts = new LinkedHashMap<>();
        for (ChildJvm.Jdk jdk : ChildJvm.jdks()) {
            for (Map.Entry<String, Program> c : CASES.entrySet()) {
                Program program = c.getValue();
                starts.put(jdk.version() + " " + c.getKey(), () -> AgentRun.startDetecting(jdk,
                        "library-" + c.getKey().replace(' ', '-'),
                        DETECTION.getOrDefault(c.getKey(), AgentRun.FAST_DETECTION), builder -> {
                            builder.main(PACKAGE + program.main()).classpath(testClasses());
                            program.jars().forEach(jar -> builder.classpath(jar(jar)));
                            return builder;
                        }, program.args()));
            }
        }
        runs = new RunsInTurn(starts, AT_ONCE, SPACING);
    }

    @AfterAll
    void stopAll() {
        runs.close();
    }

    static Stream<String> cases() {
        return AgentRun.onEveryJdk(CASES.keySet());
    }

    @ParameterizedTest(name = "JDK{0}")
    @MethodSource("cases")
    void theMisuseIsFoundAndTheControlStaysQuiet(String key) {
        try {
            judge(key, runs.await(key, Duration.ofMinutes(5)));
        } finally {
            runs.done(key);
        }
    }

    private static void judge(String key, AgentRun run) {
        String name = key.substring(key.indexOf(' ') + 1);
        FindingsReport report = name.equals("commons-pool 2.6.0 never-closed")
                ? run.stopOnceItSays("WARNING EXIT_BLOCKED", Duration.ofSeconds(120))
                // OkHttp's dispatcher lets the JVM go after its keep-alive of 60 s, which a crowded run can outlast
                : name.equals("okhttp dispatcher-after-main")
                ? run.reportOnceItSays("WARNING EXIT_BLOCKED", Duration.ofSeconds(120))
                // on a crowded machine the loop of sleeps is judged later than the JVM could be left to run
                : name.equals("commons-exec wait-for")
                ? run.stopOnceItSays("thread report-exporter stuck in a polling loop", Duration.ofSeconds(100))
                // the timer's stop() never returns
                : name.equals("netty stop-retried")
                ? run.stopOnceItSays("LEAKED_THREAD: thread ", Duration.ofSeconds(100))
                : run.awaitReport(Duration.ofSeconds(120));
        List<Finding> findings = report.findings();
        String context = key + ": " + run.context(report);
        // a leak's case is about its leak: contention beside it is what a crowded machine (a dozen JVMs on two cores) makes
        // of a library's threads loading its classes at once, and is let by (the controls below say how much)
        switch (name) {
            case "netty timer-per-call" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
                assertThat(f.count()).isGreaterThan(8);
                assertThat(f.createdAt()).first().asString().contains("io.netty.util.HashedWheelTimer.start(");
                assertThat(f.summary()).contains("started at HashedWheelTimer.start(",
                        "via NettyTimerPerCall.remind(NettyTimerPerCall.java:");
            });
            case "netty stop-retried" -> assertThat(Stream.concat(findings.stream(),
                            // on a crowded machine the exit's cycle can find the woken thread running (README,
                            // Known limits): the finding is then among those that cleared
                            report.cleared().stream().map(c -> c.finding())).toList()).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).isNotEmpty()
                    .allMatch(f -> f.type() == FindingType.LEAKED_THREAD
                            && f.summary().contains("on CountDownLatch$Sync@")
                            && f.summary().contains("started at HashedWheelTimer.start("))
                    // interrupted every 100 ms by stop(), it wakes and waits again: no progress for all that
                    .anyMatch(f -> f.summary().contains("in CountDownLatch.await at NettyTimerStop.awaitConfirmation(")
                            && f.summary().contains("via HashedWheelTimer$HashedWheelTimeout.run("))
                    // stop() joins the timer's thread for as long: the caller is named with it
                    .anyMatch(f -> f.summary().contains("; main waits for it")
                            && f.victims() != null && f.victims().stream().anyMatch(v -> v.name().equals("main")));
            case "commons-pool 2.6.0 never-closed" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("commons-pool-evictor-thread");
                assertThat(f.summary()).contains("shut down executor commons-pool-evictor-thread");
            });
            case "commons-pool 2.12.0 pool-per-call" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.TASK_PILE_UP);
                assertThat(f.executor()).startsWith("commons-pool-evictor");
                // the last pools' evictors may not have been seen for long yet
                assertThat(f.count()).isBetween(9, 12);
                assertThat(f.summary()).contains("periodic tasks EvictionTimer$WeakRunner scheduled at EvictionTimer.schedule(",
                        "via PoolNeverClosed.pool(PoolNeverClosed.java:", "keep piling up");
            });
            case "okhttp dispatcher-after-main" -> assertThat(Stream.concat(findings.stream(),
                            // when the JVM got away by itself, the finding is among those that cleared before its exit
                            report.cleared().stream().map(c -> c.finding())).toList()).as(context)
                    // OkHttp's connection pool cleaning up on a crowded machine: a real wait, contention
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.EXIT_BLOCKED);
                assertThat(f.threads()).extracting(FindingThread::name).containsExactly("OkHttp Dispatcher");
                assertThat(f.summary()).contains("shut down executor OkHttp Dispatcher",
                        "created at Dispatcher.executorService(Dispatcher.kt:");
            });
            case "reactor scheduler-per-call" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
                // each call's scheduler makes two executors; the one that never ran a task holds no thread and may
                // be collected before the report
                assertThat(f.count()).as("the calls' executors").isBetween(27, 60);
                assertThat(f.summary()).contains("created at ParallelScheduler.", "via ReactorPerCall.main(ReactorPerCall.java:")
                        .contains("never shut down");
            });
            case "vertx instance-per-call" -> {
                List<Finding> found = findings.stream().filter(f -> f.type() != FindingType.CONTENTION).toList();
                assertThat(found).as(context).hasSize(3);
                // each call's instance makes a worker pool and an internal pool, at one place along two paths
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_EXECUTOR).singleElement()
                        .satisfies(f -> {
                            assertThat(f.count()).as("the calls' pools").isBetween(30, 40);
                            assertThat(f.summary()).contains("created at ExecutorServiceFactory.",
                                    "via VertxPerCall.price(VertxPerCall.java:", "never shut down");
                        });
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.THREAD_PILE_UP).hasSize(2)
                        .anySatisfy(f -> assertThat(f.summary()).startsWith(f.count() + " idle daemon threads started at"
                                + " BlockedThreadChecker.<init>(").contains("via VertxPerCall.price(VertxPerCall.java:"))
                        // Netty starts each instance's event loop when the blocking call's result comes back on a
                        // Vert.x worker: the call is on the worker's creation stack, not the loop's
                        .anySatisfy(f -> assertThat(f.summary()).startsWith(f.count() + " idle threads started at"
                                + " ThreadPerTaskExecutor.execute(").contains(" by a thread started at ",
                                "via VertxPerCall.price(VertxPerCall.java:"));
            }
            case "otel sdk-per-call" -> {
                List<Finding> found = findings.stream().filter(f -> f.type() != FindingType.CONTENTION).toList();
                assertThat(found).as(context).hasSize(2);
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.THREAD_PILE_UP).singleElement()
                        .satisfies(f -> assertThat(f.summary()).contains("started at BatchSpanProcessor.<init>(",
                                "via OtelPerCall.sdk(OtelPerCall.java:"));
                // each reader's scheduler exports every second, sooner than stuckAfter: idle but for those runs
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_EXECUTOR).singleElement()
                        .satisfies(f -> {
                            assertThat(f.count()).as("the requests' readers").isBetween(15, 20);
                            assertThat(f.summary()).contains("created at PeriodicMetricReaderBuilder.build(",
                                    "via OtelPerCall.sdk(OtelPerCall.java:",
                                    "sit idle but for periodic runs of PeriodicMetricReader$Scheduled");
                        });
            }
            case "netty group-per-call" -> assertThat(findings).as(context)
                    // the loops' first allocations meet in Netty's buffer pool: on a crowded machine, contention
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
                // a cycle looks at the stacks of only a few running threads: the last loops may still be unseen
                assertThat(f.count()).as("the calls' loops, all or nearly").isBetween(27, 30);
                assertThat(f.summary())
                        .startsWith(f.count() + " idle threads started at ThreadPerTaskExecutor.execute(")
                        .contains("via NettyServer.call(NettyServer.java:");
            });
            // each pool makes executors at three places of HikariCP's: one finding for the one call that leaks them
            case "hikari pool-per-call" -> assertThat(findings).as(context)
                    // a pool's first connections load H2's classes on two threads at once: on a crowded machine,
                    // contention may come with them
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).singleElement().satisfies(f -> {
                assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
                assertThat(f.executor()).endsWith(" housekeeper");
                assertThat(f.count()).isGreaterThanOrEqualTo(3);
                assertThat(f.summary()).contains("HikariPool.initializeHouseKeepingExecutorService(HikariPool.java:")
                        .contains(" via HikariPerCall.pool(HikariPerCall.java:");
            });
            case "mongo client-per-call" -> {
                // sixteen clients' threads load the driver's classes at once: contention may come with them
                assertThat(findings).as(context)
                        .filteredOn(f -> f.type() != FindingType.CONTENTION)
                        .extracting(Finding::type).containsOnly(FindingType.THREAD_PILE_UP, FindingType.LEAKED_EXECUTOR);
                assertThat(findings).as(context).anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
                    assertThat(f.count()).isGreaterThan(8);
                    assertThat(f.summary()).contains("started at DefaultServerMonitor.start(",
                            "via MongoPerCall.main(MongoPerCall.java:");
                });
                assertThat(findings).as(context).anySatisfy(f -> {
                    assertThat(f.type()).isEqualTo(FindingType.LEAKED_EXECUTOR);
                    assertThat(f.count()).isGreaterThanOrEqualTo(3);
                    assertThat(f.summary()).contains("via MongoPerCall.main(MongoPerCall.java:");
                });
                assertThat(run.jvm().output()).as("the pile of executors, holding no thread, logged once or on doubling")
                        .satisfies(out -> assertThat(out.split("LEAKED_EXECUTOR: ", -1).length - 1).isLessThanOrEqualTo(4));
            }
            case "commons-exec wait-for" -> {
                // the caller sleeping in waitFor(), and Commons Exec's own thread waiting for the process (when it is
                // still waiting as the report is written: the process goes with the JVM); the Netty timer ticking all
                // along, through a helper of its loop, is no finding
                List<Finding> found = findings.stream()
                        .filter(f -> f.type() != FindingType.CONTENTION).toList();
                assertThat(found).as(context).extracting(Finding::type).containsOnly(FindingType.LEAKED_THREAD);
                assertThat(found).as(context).anySatisfy(f -> {
                    assertThat(f.threads()).extracting(FindingThread::name).containsExactly("report-exporter");
                    assertThat(f.summary()).contains("thread report-exporter stuck in a polling loop",
                            " sleeps in Thread.sleep at DefaultExecuteResultHandler.waitFor(",
                            "via ExecWaitFor.export(ExecWaitFor.java:");
                });
                assertThat(found).as(context).flatExtracting(Finding::threads).extracting(FindingThread::name)
                        .allMatch(thread -> thread.equals("report-exporter") || thread.startsWith("CommonsExecDefaultExecutor"));
                assertThat(run.jvm().output()).as("the timer, at no moment")
                        .doesNotContain("HashedWheelTimer$Worker.waitForNextTick");
            }
            case "jsch session-per-call" -> assertThat(findings).as(context)
                    .filteredOn(f -> f.type() != FindingType.CONTENTION)
                    .singleElement().satisfies(f -> {
                // each session's thread reads its connection, RUNNABLE in native code, and was started by the call
                assertThat(f.type()).isEqualTo(FindingType.THREAD_PILE_UP);
                assertThat(f.count()).isBetween(9, 12);
                assertThat(f.threads()).extracting(FindingThread::name).allMatch(n -> n.startsWith("Connect thread "));
                assertThat(f.summary()).contains("idle threads reading connections started at Session.connect(",
                        "via SshPerCall.openSession(SshPerCall.java:", "keep piling up", "the connections are never closed");
            });
            case "hikari database down" -> {
                // the savers, each waiting out the pool's 3 s time-out and asking again: one finding all along
                assertThat(findings).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_THREAD).singleElement()
                        .satisfies(f -> {
                    assertThat(f.threads()).extracting(FindingThread::name)
                            .containsExactlyInAnyOrder("order-saver-0", "order-saver-1", "order-saver-2");
                    assertThat(f.summary()).contains("stuck in a polling loop", "at ConcurrentBag.borrow(",
                            "via HikariDatabaseDown.saveOrders(HikariDatabaseDown.java:");
                });
                // logged once, or once more if it was first judged of one saver and then of all three (the count
                // doubled); not again after each time-out, as when it cleared between two of them
                assertThat(run.jvm().output().lines().filter(l -> l.contains("WARNING LEAKED_THREAD: ")))
                        .as("logged once, not again after each time-out: %s", context).hasSizeBetween(1, 2);
            }
            case "activemq connection-per-call" -> {
                // the in-process broker stops in a shutdown hook, which on a crowded machine took over 2 s once (JDK
                // 17, 2026-12-06): an exit held up that long is told, truly, but is not what this case is about
                List<Finding> found = findings.stream()
                        .filter(f -> f.type() != FindingType.CONTENTION)
                        .filter(f -> f.type() != FindingType.EXIT_BLOCKED || !f.summary().contains("thread ActiveMQ ShutdownHook"))
                        .toList();
                assertThat(found).as(context).extracting(Finding::type)
                        .containsOnly(FindingType.THREAD_PILE_UP, FindingType.LEAKED_EXECUTOR);
                // the senders' connections' readers; the broker's threads reading the other ends are a server's
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.THREAD_PILE_UP).singleElement()
                        .satisfies(f -> {
                    assertThat(f.count()).isBetween(9, 12);
                    assertThat(f.threads()).extracting(FindingThread::name)
                            .allMatch(n -> n.startsWith("ActiveMQ Transport: tcp://localhost/"));
                    assertThat(f.summary()).contains("idle threads reading connections started at TransportThreadSupport.doStart(",
                            "via JmsPerCall.send(JmsPerCall.java:", "the connections are never closed");
                });
                assertThat(found).as(context).filteredOn(f -> f.type() == FindingType.LEAKED_EXECUTOR).singleElement()
                        .satisfies(f -> assertThat(f.summary()).contains("created at ActiveMQConnection.<init>(",
                                "via JmsPerCall.send(JmsPerCall.java:"));
            }
            case "activemq closed" -> {
                // closing twelve connections at once, the broker's transports contend for a connection's lock as they
                // end; how long each waits is how crowded the machine is (2.7 s in all, a WARNING, in one full run)
                assertThat(findings).as(context).filteredOn(f -> f.type() != FindingType.CONTENTION).isEmpty();
                // on a crowded machine a round trip to the broker (a close waiting for its answer) can last
                // stuckAfter, 2 s here, and be told while it lasts: not what this control is about
                assertThat(run.jvm().output()).as("no pile of readers or executors on the console, at any moment")
                        .doesNotContain("THREAD_PILE_UP", "LEAKED_EXECUTOR");
            }
            case "commons-exec watchdog", "jsch disconnected", "jsch pooled" -> {
                assertThat(findings).as(context)
                        .filteredOn(f -> f.type() != FindingType.CONTENTION).isEmpty();
                assertThat(toldOnTheConsole(run, "threadhound: (WARNING|CRITICAL) (?!CONTENTION)"))
                        .as("no finding on the console either, at any moment: %s", context).isEmpty();
            }
            case "netty fixed", "netty stop-given-up", "commons-pool 2.6.0 closed", "commons-pool 2.12.0 never-closed",
                 "okhttp fixed", "hikari fixed" -> assertThat(findings).as(context)
                    // on a crowded machine a lock's holder can be off the CPU for seconds (OkHttp's pool cleaner waited
                    // 2.1 s for a connection's monitor once, a WARNING): contention, not the leak these controls are about
                    .filteredOn(f -> f.type() != FindingType.CONTENTION).isEmpty();
            case "netty server warming up", "caffeine expiry", "zookeeper quiet", "curator quiet", "mongo fixed",
                 "hazelcast quiet", "hsqldb quiet", "idle connections quiet", "logback quiet", "log4j2 quiet",
                 "log4j2 async loggers quiet", "commons-pool borrowers quiet", "reactor shared", "vertx closed", "otel shared" -> {
                // their threads start and end at once: on a crowded machine (this class runs a dozen JVMs at once on two
                // cores) a lock's holder is taken off the CPU while its peers wait, seconds in all (class loading itself
                // is no finding): 3 s, a WARNING, in two full runs of 2026-12-06, Netty's pool arena as sixteen loops
                // freed their caches at shutdown and ZooKeeper's selector monitor. Not what these controls are about
                assertThat(findings).as(context).filteredOn(f -> f.type() != FindingType.CONTENTION).isEmpty();
                assertThat(toldOnTheConsole(run, "threadhound: (WARNING|CRITICAL|INFO) (?!CONTENTION)"))
                        .as("no finding on the console either, at any moment: %s", context).isEmpty();
            }
            case "guava fan-out" -> {
                // callers wait for the futures parked on the future itself: a wait for a result, no contention
                assertThat(findings).as(context).isEmpty();
                assertThat(run.jvm().output()).as("no finding on the console either, at any moment")
                        .doesNotContainPattern("threadhound: (INFO|WARNING|CRITICAL) ");
            }
            default -> throw new IllegalArgumentException(key);
        }
    }

    private static Path testClasses() {
        return Paths.get(System.getProperty("threadhound.test.classes"));
    }

    /** The one jar under {@code target/it-libs} whose path starts with {@code prefix} (a regular expression). */
    private static Path jar(String prefix) {
        Path libs = Paths.get(System.getProperty("threadhound.it.libs"));
        try (Stream<Path> files = Files.walk(libs)) {
            List<Path> found = files.filter(p -> libs.relativize(p).toString().matches(prefix + ".*")).toList();
            assertThat(found).as("jars under " + libs + " starting with " + prefix).hasSize(1);
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The console's finding lines matching {@code pattern}, but for what the crowded machine (a dozen JVMs on two cores)
     * makes of a control's calls and exit, each told truly while it lasted, and not the library's idle threads
     * a control is about: a call of {@code main}'s into the library that lasted {@code stuckAfter} (2 s), gone from
     * the report (main once waited 3 s for ZooKeeper's answer to a create); and a shutdown hook that did not move for
     * as long as the JVM exited, after the report was written (Log4j 2's, blocked on its own registry's list once).
     */
    private static List<String> toldOnTheConsole(AgentRun run, String pattern) {
        java.util.regex.Pattern finding = java.util.regex.Pattern.compile(pattern);
        return run.jvm().output().lines()
                .filter(l -> !l.matches("threadhound: WARNING LEAKED_THREAD: thread main waiting for \\d+s .*"))
                .filter(l -> !l.startsWith("threadhound: WARNING EXIT_BLOCKED: the JVM has been exiting for "))
                .filter(l -> finding.matcher(l).find())
                .toList();
    }
}
