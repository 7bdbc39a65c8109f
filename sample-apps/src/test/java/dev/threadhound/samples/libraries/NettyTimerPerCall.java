package dev.threadhound.samples.libraries;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timer;

import java.util.concurrent.TimeUnit;

/**
 * A reminder service that makes a Netty {@link HashedWheelTimer} per call and never stops it: every call leaves a
 * timer thread ticking. {@code --fixed}: one timer for every call, stopped at the end.
 */
public final class NettyTimerPerCall {

    private NettyTimerPerCall() {
    }

    public static void main(String[] args) throws Exception {
        boolean fixed = args.length > 0 && args[0].equals("--fixed");
        Timer shared = fixed ? new HashedWheelTimer() : null;
        int calls = 30;
        for (int call = 0; call < calls; call++) {
            remind(fixed ? shared : new HashedWheelTimer(), call);
            Thread.sleep(100);
        }
        System.out.println("netty-timer: " + calls + " calls; done");
        if (fixed) {
            shared.stop();
            return;
        }
        // the leaked timers' threads are not daemons: only an exit ends this process
        System.exit(0);
    }

    private static void remind(Timer timer, int call) {
        timer.newTimeout(timeout -> { }, 10 + call % 5, TimeUnit.MILLISECONDS);
    }
}
