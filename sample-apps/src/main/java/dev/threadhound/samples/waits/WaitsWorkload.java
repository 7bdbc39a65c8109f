package dev.threadhound.samples.waits;

import dev.threadhound.samples.SampleOptions;
import dev.threadhound.samples.Workload;

import java.time.Duration;
import java.util.List;

/** {@code waits [--duration=10s] [--bug=none|lost-handoff|pending-reply|rare-events|all]}. */
public final class WaitsWorkload implements Workload {

    static final List<String> BUGS = List.of("none", "lost-handoff", "pending-reply", "rare-events", "all");

    @Override
    public String name() {
        return "waits";
    }

    @Override
    public String help() {
        return String.join(System.lineSeparator(),
                "waits: threads waiting on queues and futures; with prove=on the agent tells which can never be woken",
                "  --duration=10s        how long it runs (default 10s)",
                "  --bug=none            healthy: every reply arrives",
                "  --bug=lost-handoff    a consumer waits on a SynchronousQueue only it knows: nothing can ever wake it",
                "  --bug=pending-reply   a thread waits on a future whose reply never comes; a static registry still",
                "                        holds the future, so it is stuck but not provably",
                "  --bug=rare-events     an audit writer takes an event every 8 s from a queue in a static field",
                "  --bug=all             the three at once");
    }

    @Override
    public int run(String[] args) throws Exception {
        SampleOptions options = SampleOptions.parse(name(), args, Duration.ofSeconds(10), BUGS);
        System.out.println("waits: mode=" + options.bug() + " running for " + options.duration().toMillis() + "ms");
        String bug = options.bug();
        boolean all = bug.equals("all");
        boolean rare = all || bug.equals("rare-events");
        if (rare) {
            // the first event is there before the writer starts, so the writer's first wait is its long one
            RareEvents.emit(0);
            RareEvents.startWriter();
        }
        if (all || bug.equals("lost-handoff")) {
            HandOff.lose();
        }
        if (all || bug.equals("pending-reply")) {
            Completions.awaitReplyThatNeverComes();
        }
        if (bug.equals("none")) {
            healthy();
        }
        long end = System.currentTimeMillis() + options.duration().toMillis();
        for (int n = 1; System.currentTimeMillis() < end; n++) {
            Thread.sleep(Math.max(0, Math.min(RareEvents.EVERY_MILLIS, end - System.currentTimeMillis())));
            if (rare && System.currentTimeMillis() < end) {
                RareEvents.emit(n);
            }
        }
        System.out.println("waits: done");
        return 0;
    }

    private static void healthy() throws InterruptedException {
        Thread waiter = new Thread(() -> {
            try {
                System.out.println("waits: reply " + Completions.await("order-7"));
            } catch (Exception e) {
                System.out.println("waits: " + e);
            }
        }, "reply-waiter");
        waiter.start();
        while (!Completions.PENDING.containsKey("order-7")) {
            Thread.sleep(5);
        }
        Completions.complete("order-7", "shipped");
        waiter.join();
    }
}
