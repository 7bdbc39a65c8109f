package dev.threadhound.agent.instrument;

import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * A class with the shape of a lock condition's timed waits (a {@code long} returned from more than one place, a
 * {@code boolean} returned from a branch), rewritten in the tests with the condition's hook points and run in a
 * verifying class loader. Each "wait" returns what a real one would: the time left, or whether it was in time.
 */
public class ConditionShape {

    public final long awaitNanos(long nanosTimeout) {
        if (nanosTimeout > 1_000) {
            return nanosTimeout - 1_000;
        }
        return nanosTimeout - 2_000;
    }

    public final boolean await(long time, TimeUnit unit) {
        return unit.toNanos(time) > 1_000;
    }

    public final boolean awaitUntil(Date deadline) {
        return deadline.getTime() > 0;
    }

    public final void await() {
    }
}
