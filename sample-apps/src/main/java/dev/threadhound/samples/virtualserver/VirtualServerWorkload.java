package dev.threadhound.samples.virtualserver;

import dev.threadhound.samples.Workload;

import java.util.ArrayList;
import java.util.List;

/** The virtual-thread server as a sample workload; {@code --duration=} maps to its {@code --seconds=}. */
public final class VirtualServerWorkload implements Workload {

    @Override
    public String name() {
        return "virtual-server";
    }

    @Override
    public String help() {
        return VirtualServer.HELP + System.lineSeparator() + "  --duration=Ns    the same as --seconds=N";
    }

    @Override
    public int run(String[] args) throws Exception {
        List<String> translated = new ArrayList<>();
        for (String arg : args) {
            translated.add(arg.matches("--duration=\\d+s") ? "--seconds=" + arg.substring(11, arg.length() - 1) : arg);
        }
        return VirtualServer.run(translated.toArray(String[]::new));
    }
}
