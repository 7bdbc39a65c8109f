package dev.threadhound.samples.realsuite;

import org.junit.Test;

/**
 * JUnit 4 without the rule, on the Vintage engine: the auto-detected JUnit 5 extension never runs around another
 * engine's tests, so this leak passes unseen.
 */
public class UncheckedJunit4Cases {

    @Test
    public void neverStopsItsTimer() throws InterruptedException {
        Wheel.started();
    }
}
