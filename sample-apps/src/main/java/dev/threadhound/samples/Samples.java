package dev.threadhound.samples;

import dev.threadhound.samples.batch.BatchWorkload;
import dev.threadhound.samples.audit.AuditWorkload;
import dev.threadhound.samples.bytebuddy.OwnByteBuddy;
import dev.threadhound.samples.fanout.FanOutWorkload;
import dev.threadhound.samples.pipeline.PipelineWorkload;
import dev.threadhound.samples.virtualserver.VirtualServerWorkload;
import dev.threadhound.samples.waits.WaitsWorkload;
import dev.threadhound.samples.workerpool.WorkerPoolWorkload;

import java.util.Arrays;
import java.util.List;

/** {@code java -jar threadhound-samples.jar <workload> [--duration=10s] [--bug=<mode>]}. */
public final class Samples {

    /** Every workload; a new one is added here. */
    static final List<Workload> WORKLOADS = List.of(new PipelineWorkload(), new FanOutWorkload(),
            new WorkerPoolWorkload(), new VirtualServerWorkload(), new BatchWorkload(), new OwnByteBuddy(),
            new AuditWorkload(), new WaitsWorkload());

    private Samples() {
    }

    public static void main(String[] args) throws Exception {
        int status = run(args);
        if (status != 0 || !endsByReturning(args)) {
            System.exit(status);
        }
    }

    private static boolean endsByReturning(String[] args) {
        return args.length > 0 && WORKLOADS.stream().anyMatch(w -> w.name().equals(args[0]) && w.endsByReturning());
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println(help());
            return args.length == 0 ? 2 : 0;
        }
        for (Workload w : WORKLOADS) {
            if (w.name().equals(args[0])) {
                String[] rest = Arrays.copyOfRange(args, 1, args.length);
                if (List.of(rest).contains("--help")) {
                    System.out.println(w.help());
                    return 0;
                }
                try {
                    return w.run(rest);
                } catch (IllegalArgumentException e) {
                    System.err.println(e.getMessage());
                    return 2;
                }
            }
        }
        System.err.println("samples: unknown workload '" + args[0] + "'; allowed: "
                + String.join(", ", WORKLOADS.stream().map(Workload::name).toList()));
        return 2;
    }

    static String help() {
        StringBuilder out = new StringBuilder("usage: java -jar threadhound-samples.jar <workload> [--duration=10s] [--bug=<mode>]\n");
        out.append("Attach the agent to see what it finds: java -javaagent:threadhound-agent.jar -jar threadhound-samples.jar ...\n\n");
        for (Workload w : WORKLOADS) {
            out.append(w.help()).append("\n\n");
        }
        return out.toString().stripTrailing();
    }
}
