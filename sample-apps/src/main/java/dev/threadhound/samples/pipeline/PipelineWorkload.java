package dev.threadhound.samples.pipeline;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pipeline [--duration=10s]
 * [--bug=none|leak|deadlock|starvation|executor-per-request|executor-burst|contention|dead-consumer|polling-wait|tiny-waits
 * |lock-order|lock-upgrade|mutex-reentry|drain-wait]}.
 */
public final class PipelineWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "leak", "deadlock", "starvation", "executor-per-request",
            "executor-burst", "contention", "dead-consumer", "polling-wait", "tiny-waits", "lock-order", "lock-upgrade",
            "mutex-reentry", "drain-wait");
    /** Requests that arrive together in {@code --bug=executor-burst}. */
    static final int BURST = 10;

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "pipeline: generate -> transform -> sink over bounded queues, feeding a 2-worker pool",
                "  --duration=10s               how long it runs before it stops (default 10s)",
                "  --bug=none                   healthy: rate-limited, nothing stuck, everything shut down at the end",
                "  --bug=leak                   the sink gives up; transform blocks forever in put (a leaked thread),",
                "                               and an audit task blocks forever on a queue nobody drains (a leaked task)",
                "  --bug=deadlock               two ledger transfers lock two accounts in opposite orders (ABBA);",
                "                               an audit blocks behind them",
                "  --bug=starvation             report tasks wait on subtasks queued behind them in the same bounded pool",
                "  --bug=executor-per-request   every request creates a thread pool and never shuts it down",
                "  --bug=executor-burst         ten requests arrive at once, each creating a pool it never shuts down",
                "                               (the per-shard pools made at start-up are kept by design)",
                "  --bug=contention             threads hammer a hot monitor (HotMonitor) and a hot ReentrantLock (HotLock)",
                "  --bug=dead-consumer          the sink dies of an uncaught NullPointerException; transform blocks in put",
                "  --bug=polling-wait           two stages each wait(1000) in a loop for the other to be ready first (Handshake)",
                "  --bug=tiny-waits             four stages append to one StringBuffer: tiny waits, a hot monitor (Journal)",
                "  --bug=lock-order             restocking and billing take the stock and the order book in opposite orders,",
                "                               at different moments, so it almost never deadlocks (Inventory; needs",
                "                               the agent's lockOrder=on to be seen)",
                "  --bug=lock-upgrade           two pricing threads holding a cache's read lock each ask for its write",
                "                               lock, which a ReentrantReadWriteLock never grants (PriceCache)",
                "  --bug=mutex-reentry          the outbox's sender, holding its mutex (not reentrant), flushes a full",
                "                               batch, which takes the mutex again (Outbox)",
                "  --bug=drain-wait             the rotator sleeps in a loop until the upload outbox drains, but the",
                "                               uploader gave up at its first failure (LogRotator)");
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(10), BUGS);
        System.out.println("pipeline: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        Pipeline pipeline = new Pipeline();
        long end = System.currentTimeMillis() + options.duration().toMillis();
        switch (options.bug()) {
            case "leak" -> {
                pipeline.start(new GivingUpSink(pipeline));
                AuditTrail audit = new AuditTrail();
                audit.submitAudit(pipeline.workers, "started");
                audit.submitAudit(pipeline.workers, "first batch");
            }
            case "deadlock" -> {
                pipeline.start(pipeline::sink);
                new Ledger().startOppositeTransfers();
            }
            case "starvation" -> {
                pipeline.start(pipeline::sink);
                new ReportBuilder().buildReports();
                Thread.sleep(1_000);
                System.out.println(ReportBuilder.jdkVerdict());
            }
            case "executor-per-request" -> {
                pipeline.start(pipeline::sink);
                daemon("pipeline-requests", () -> serveRequests(end));
            }
            case "executor-burst" -> {
                pipeline.start(pipeline::sink);
                System.out.println("pipeline: " + new ShardPools().size() + " shard pools");
                burstOfRequests();
            }
            case "dead-consumer" -> pipeline.start(new CrashingSink(pipeline));
            case "contention" -> {
                pipeline.start(pipeline::sink);
                Contention.start(end);
            }
            case "lock-order" -> {
                pipeline.start(pipeline::sink);
                new Inventory().start(end);
            }
            case "lock-upgrade" -> {
                pipeline.start(pipeline::sink);
                new PriceCache().startPricing();
                Thread.sleep(1_000);
                System.out.println(ReportBuilder.jdkVerdict());
            }
            case "mutex-reentry" -> {
                pipeline.start(pipeline::sink);
                new Outbox().startSending();
                Thread.sleep(1_000);
                System.out.println(ReportBuilder.jdkVerdict());
            }
            case "polling-wait" -> {
                pipeline.start(pipeline::sink);
                new Handshake().start();
            }
            case "tiny-waits" -> {
                pipeline.start(pipeline::sink);
                new Journal().start();
            }
            case "drain-wait" -> {
                pipeline.start(pipeline::sink);
                new LogRotator().start();
            }
            default -> pipeline.start(pipeline::sink);
        }
        long left = end - System.currentTimeMillis();
        if (left > 0) {
            Thread.sleep(left);
        }
        if (options.bug().equals("none")) {
            pipeline.stop();
        }
        System.out.println("pipeline: delivered " + pipeline.delivered() + " items; done");
        return 0;
    }

    private static void serveRequests(long end) {
        RequestHandler handler = new RequestHandler();
        int request = 0;
        while (System.currentTimeMillis() < end) {
            try {
                handler.handle(request++);
                Thread.sleep(150);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("pipeline-requests: " + e);
            }
        }
    }

    /** Requests on threads of their own, released at the same instant. */
    private static void burstOfRequests() throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(BURST);
        for (int i = 0; i < BURST; i++) {
            int request = i;
            daemon("pipeline-request-" + i, () -> {
                try {
                    go.await();
                    new RequestHandler().handle(request);
                } catch (Exception e) {
                    System.err.println("pipeline-request: " + e);
                } finally {
                    done.countDown();
                }
            });
        }
        go.countDown();
        done.await();
    }

    static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
