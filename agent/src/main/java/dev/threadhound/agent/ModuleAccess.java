package dev.threadhound.agent;

import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens the few JDK packages whose private fields say what a pool is running (FutureTask.callable, the
 * virtual-thread executor's thread count) and which lock a condition belongs to, and {@code java.lang} where the
 * bridge is defined, to the agent's own module only; the application gains nothing.
 */
final class ModuleAccess {

    private ModuleAccess() {
    }

    static void open(Instrumentation inst) {
        Module base = Object.class.getModule();
        Module agent = ModuleAccess.class.getModule();
        Map<String, Set<Module>> opens = new HashMap<>();
        for (String pkg : new String[] {"java.util.concurrent", "java.util.concurrent.locks", "java.lang", "jdk.internal.vm"}) {
            if (base.getPackages().contains(pkg)) {
                opens.put(pkg, Set.of(agent));
            }
        }
        inst.redefineModule(base, Set.of(), Map.of(), opens, Set.of(), Map.of());
    }
}
