package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.LockHooks;
import dev.threadhound.agent.track.LockGraph;
import dev.threadhound.agent.track.LockOrderRecorder;
import dev.threadhound.agent.track.LockSites;

import java.lang.instrument.Instrumentation;

/**
 * Lock-order tracking ({@code lockOrder=on} only): the graph and its recorder behind the bridge, and a transformer
 * that stays registered and rewrites each application class as it is loaded. Classes loaded before (with
 * {@code attach}, everything already running) are not rewritten. The transformer is registered as not
 * retransformable: another agent's retransformation keeps our rewrite and never runs it again.
 */
public final class LockOrderInstrumentation {

    private LockOrderInstrumentation() {
    }

    /** The graph the rewritten classes feed; null when another agent in this JVM already tracks lock order. */
    public static LockGraph install(Instrumentation inst) {
        LockGraph graph = new LockGraph();
        LockSites sites = new LockSites();
        warmUp(sites);
        if (!LockHooks.install(new LockOrderRecorder(graph, sites))) {
            return null;
        }
        inst.addTransformer(new LockOrderTransformer(sites), false);
        return graph;
    }

    /**
     * Loads the slow path's classes and its stack walker now, on a graph thrown away, rather than inside the first
     * nested lock the application takes, which would hold that lock while they load (tens of milliseconds on a busy
     * machine: time for another thread to run into it).
     */
    private static void warmUp(LockSites sites) {
        try {
            Class.forName("dev.threadhound.agent.bootstrap.HeldLocks", true, null);
            new LockOrderRecorder(new LockGraph(), sites).acquiring(new Object[] {new Object()}, new int[] {0}, 1,
                    new Object(), 2);
        } catch (ClassNotFoundException | LinkageError e) {
            // the first application lock pays instead
        }
    }
}
