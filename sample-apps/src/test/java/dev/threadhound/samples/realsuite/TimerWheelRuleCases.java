package dev.threadhound.samples.realsuite;

import dev.threadhound.junit4.LeakRule;
import org.junit.Rule;
import org.junit.Test;

import static org.junit.Assert.assertTrue;

/** JUnit 4, on the Vintage engine, checked by the rule. */
public class TimerWheelRuleCases {

    @Rule
    public final LeakRule leaks = new LeakRule();

    @Test
    public void stopsItsTimer() throws InterruptedException {
        assertTrue(Wheel.started().stop().isEmpty());
    }

    /** Never stopped. */
    @Test
    public void neverStopsItsTimer() throws InterruptedException {
        Wheel.started();
    }
}
