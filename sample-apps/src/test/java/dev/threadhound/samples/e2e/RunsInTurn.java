package dev.threadhound.samples.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Starts a class's runs in the order its tests take them, no more than {@code limit} at a time: a run holds its
 * place until its JVM has exited or its test is {@linkplain #done done} with it. Some seventy JVMs started at once on
 * two cores starve one another for seconds (a half-second watchdog held off, a pool's evictors seen too late), which
 * tells nothing of the agent. It cannot wait for itself: each run starts before any later one, and the runs holding
 * places when a test asks for its run are earlier ones, whose tests have ended.
 */
final class RunsInTurn implements AutoCloseable {

    private final Map<String, CompletableFuture<AgentRun>> runs = new LinkedHashMap<>();
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Thread starter;

    /** Begins starting {@code starts}, in their order, {@code spacing} apart and at most {@code limit} running. */
    RunsInTurn(Map<String, Supplier<AgentRun>> starts, int limit, Duration spacing) {
        starts.keySet().forEach(key -> runs.put(key, new CompletableFuture<>()));
        starter = new Thread(() -> startAll(starts, limit, spacing), "runs-in-turn");
        starter.setDaemon(true);
        starter.start();
    }

    private void startAll(Map<String, Supplier<AgentRun>> starts, int limit, Duration spacing) {
        List<String> holding = new ArrayList<>();
        try {
            for (Map.Entry<String, Supplier<AgentRun>> start : starts.entrySet()) {
                while (true) {
                    holding.removeIf(key -> done.contains(key) || !runs.get(key).join().jvm().alive());
                    if (holding.size() < limit) {
                        break;
                    }
                    Thread.sleep(100);
                }
                CompletableFuture<AgentRun> run = runs.get(start.getKey());
                try {
                    run.complete(start.getValue().get());
                } catch (RuntimeException e) {
                    run.completeExceptionally(e);
                    continue;
                }
                holding.add(start.getKey());
                Thread.sleep(spacing.toMillis());
            }
        } catch (InterruptedException e) {
            runs.values().forEach(run -> run.completeExceptionally(e));
        }
    }

    /** The run under {@code key}, once started. */
    AgentRun await(String key, Duration timeout) {
        CompletableFuture<AgentRun> run = runs.get(key);
        if (run == null) {
            throw new IllegalArgumentException("no run " + key + "; there are " + runs.keySet());
        }
        try {
            return run.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("run " + key + " not started within " + timeout
                    + ": the runs before it, whose tests did not take them, still hold every place", e);
        } catch (ExecutionException e) {
            throw new AssertionError("run " + key + " could not be started", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The test of {@code key} is over: its JVM is stopped, if it still runs, and its place goes to the next run. */
    void done(String key) {
        runs.get(key).thenAccept(AgentRun::close);
        done.add(key);
    }

    @Override
    public void close() {
        starter.interrupt();
        try {
            starter.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runs.values().forEach(run -> run.thenAccept(AgentRun::close));
    }
}
