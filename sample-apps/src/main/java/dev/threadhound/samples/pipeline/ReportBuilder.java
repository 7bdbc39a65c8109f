package dev.threadhound.samples.pipeline;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code --bug=starvation}: each report task renders its sections as subtasks in the same bounded pool and waits
 * for them. With both workers waiting, the sections sit in the queue behind them forever: a deadlock no lock is
 * part of, which {@code ThreadMXBean.findDeadlockedThreads} cannot see.
 */
final class ReportBuilder {

    static final int WORKERS = 2;

    private final ExecutorService reports = Executors.newFixedThreadPool(WORKERS, new NamedThreads("pipeline-report"));

    void buildReports() {
        for (int i = 0; i < WORKERS; i++) {
            int report = i;
            reports.submit(() -> buildReport(report));
        }
    }

    private String buildReport(int report) throws ExecutionException, InterruptedException {
        Future<String> section = reports.submit(() -> renderSection(report));
        return "report " + report + ": " + section.get();
    }

    private static String renderSection(int report) {
        return "section of " + report;
    }

    /** What the JDK's own deadlock detection says about this: nothing. */
    static String jdkVerdict() {
        return "findDeadlockedThreads: " + Arrays.toString(ManagementFactory.getThreadMXBean().findDeadlockedThreads());
    }
}
