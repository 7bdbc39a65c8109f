package dev.threadhound.agent.track;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link CreationSite} per distinct place that starts threads. Called on the application's threads as they
 * start threads: a lock-free map lookup. Bounded: a program that starts threads from more places than
 * {@link #MOST} (generated code, say) keeps the sites after that per thread, as if not interned.
 */
final class CreationSites {

    static final int MOST = 4_096;

    private final ConcurrentHashMap<CreationSite, CreationSite> sites = new ConcurrentHashMap<>();

    CreationSite intern(StackTraceElement[] frames) {
        CreationSite site = new CreationSite(frames);
        CreationSite known = sites.get(site);
        if (known != null) {
            return known;
        }
        if (sites.size() >= MOST) {
            return site;
        }
        known = sites.putIfAbsent(site, site);
        return known != null ? known : site;
    }

    int size() {
        return sites.size();
    }
}
