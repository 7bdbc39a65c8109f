package dev.threadhound.samples.libraries;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service that logs through SLF4J into an asynchronous appender (logback's or log4j2's, whichever is on the class
 * path) while it starts, then has nothing to log for a while: a control that must stay quiet, as the appender's
 * worker thread waits for the next event for as long as nothing is logged. Arguments: the system property that
 * names the logging library's configuration file, and that file.
 */
public final class QuietLogging {

    private QuietLogging() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(args[0], args[1]);
        Logger log = LoggerFactory.getLogger(QuietLogging.class);
        for (int i = 0; i < 50; i++) {
            log.info("starting, step {}", i);
        }
        // nothing more is logged, to the end: the worker is still waiting when the agent writes its last report
        Thread.sleep(7_000);
        System.out.println("quiet-logging: done");
    }
}
