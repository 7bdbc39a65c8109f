package dev.threadhound.agent;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LogTest {

    @Test
    void aMessageSaidOnceIsMadeOnlyTheTimeItIsSaid() {
        AtomicInteger made = new AtomicInteger();
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            for (int cycle = 0; cycle < 3; cycle++) {
                Log.once("log-test-paced", () -> "cycles paced, made " + made.incrementAndGet() + " time(s)");
            }
        } finally {
            System.setErr(stderr);
        }
        assertThat(made).as("the message is made once, not at every call").hasValue(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("threadhound: cycles paced, made 1 time(s)"
                + System.lineSeparator());
    }
}
