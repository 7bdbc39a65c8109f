package dev.threadhound.samples.libraries;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * A report export service on Reactor that makes a parallel scheduler per call ({@code Schedulers.newParallel}) for
 * its pipeline and never disposes of it: every call leaves an executor and its worker thread behind, idle. {@code
 * --fixed}: every call runs on the library's shared schedulers ({@code Schedulers.parallel()},
 * {@code boundedElastic()}), with a {@code Flux.interval} ticking beside them, as a service's schedulers live as
 * long as it does.
 */
public final class ReactorPerCall {

    private ReactorPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        Disposable ticking = Flux.interval(Duration.ofMillis(200)).subscribe(tick -> { });
        int calls = 30;
        long rows = 0;
        for (int call = 0; call < calls; call++) {
            rows += export(fixed ? Schedulers.parallel() : Schedulers.newParallel("export-" + call, 2));
            Thread.sleep(100);
        }
        System.out.println("reactor: " + calls + " calls, " + rows + " rows; done");
        // idle for longer than stuckAfter: the shared schedulers' workers wait for work, the leaked ones for good.
        // Twice as long: before the agent knew when a pool's last task ended, an executor was idle from the first
        // cycle that saw it so, and 3 s left the last five calls' executors uncounted in a crowded full run
        Thread.sleep(5_000);
        ticking.dispose();
        System.exit(0);
    }

    private static long export(Scheduler scheduler) {
        Long rows = Flux.range(0, 100).publishOn(scheduler).map(i -> i * 2)
                .publishOn(Schedulers.boundedElastic()).count().block();
        return rows == null ? 0 : rows;
    }
}
