package dev.threadhound.samples.realsuite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class TimerWheelCases {

    @Test
    void stopsItsTimer() throws InterruptedException {
        assertTrue(Wheel.started().stop().isEmpty());
    }

    /** Never stopped: the worker sleeps between ticks forever. */
    @Test
    void neverStopsItsTimer() throws InterruptedException {
        Wheel.started();
    }
}
