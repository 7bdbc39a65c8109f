package dev.threadhound.samples.libraries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that logs through logback's {@code AsyncAppender} while it starts, then has nothing to log for a while:
 * a control that must stay quiet, as the appender's worker thread waits for the next event for as long as nothing is
 * logged. The argument is the logback configuration to use.
 */
public final class LogbackQuiet {

    private LogbackQuiet() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", args[0]);
        Logger log = LoggerFactory.getLogger(LogbackQuiet.class);
        for (int i = 0; i < 50; i++) {
            log.info("starting, step {}", i);
        }
        // nothing more is logged, to the end: the worker is still waiting when the agent writes its last report
        Thread.sleep(7_000);
        System.out.println("logback-quiet: done");
    }
}
