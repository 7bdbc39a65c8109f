package dev.threadhound.agent.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * A class with the shape of {@code ThreadPoolExecutor}'s hooked methods (the 7-argument constructor with a long
 * among its arguments, branches and loops that carry stack map frames, several returns), rewritten in the tests with
 * the pool's hook points and run in a verifying class loader.
 */
public class PoolShape {

    private final String name;

    public PoolShape(int core, int max, long keepAlive, Object unit, Object queue, Object factory, Object handler) {
        this.name = core > max ? "odd" : "pool";
    }

    public void execute(Runnable task) {
        for (int i = 0; i < 2; i++) {
            if (task == null) {
                throw new NullPointerException();
            }
        }
    }

    protected void beforeExecute(Thread worker, Runnable task) {
    }

    protected void afterExecute(Runnable task, Throwable failure) {
    }

    final void runWorker(Object worker) {
    }

    final void reject(Runnable task) {
    }

    public void shutdown() {
    }

    public List<Runnable> shutdownNow() {
        if (name.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>();
    }

    @Override
    public String toString() {
        return name;
    }
}
