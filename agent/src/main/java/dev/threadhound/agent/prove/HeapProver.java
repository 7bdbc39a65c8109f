package dev.threadhound.agent.prove;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.threadhound.prove.Reachability;
import dev.threadhound.prove.Verdict;
import dev.threadhound.source.dump.UnreadableInputException;
import dev.threadhound.source.heap.HeapDump;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;

/**
 * One proof: a heap dump of the live objects into a temporary folder, read back and walked, then deleted.
 *
 * <p>Cost: the dump stops every application thread while it runs (about 0.3 s per 100 MB of live heap, see the
 * README's measurements) and writes a file the size of the live heap; the analysis runs on the calling thread,
 * takes seconds per 100 MB and, at its peak, up to about 48 bytes of heap per object of the dump.
 */
final class HeapProver {

    private final long limit;

    HeapProver(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /**
     * @param candidates ids of the threads to decide
     * @param lockClasses what each thread waits on according to the newest snapshot ({@code Class@hash})
     */
    ProofRun prove(Collection<Long> candidates, Map<Long, String> lockClasses) throws ProofRefused {
        Path dir;
        try {
            dir = Files.createTempDirectory("threadhound-prove-");
        } catch (IOException e) {
            throw new ProofRefused("cannot create a temporary folder for the heap dump (" + e.getMessage() + ")");
        }
        Path file = dir.resolve("heap.hprof");
        try {
            HeapBudget.checkBefore(limit, dir.toFile().getUsableSpace());
            long start = System.nanoTime();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(file.toString(), true);
            long dumped = System.nanoTime();
            long size = Files.size(file);
            HeapBudget.checkMemory(HeapDump.countObjects(file), size);
            Map<Long, Verdict> verdicts;
            try (HeapDump dump = HeapDump.open(file)) {
                verdicts = Reachability.decide(dump.graph(), candidates, lockClasses);
            }
            long analyzed = System.nanoTime();
            return new ProofRun(verdicts, (dumped - start) / 1_000_000, (analyzed - dumped) / 1_000_000, size);
        } catch (IOException e) {
            throw new ProofRefused("the heap dump could not be written (" + e.getMessage() + ")");
        } catch (UnreadableInputException e) {
            throw new ProofRefused("the heap dump could not be read: it " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new ProofRefused("the analysis of the heap dump ran out of memory and was abandoned; give the JVM more"
                    + " heap or lower prove's limit");
        } finally {
            delete(file);
            delete(dir);
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }
}
