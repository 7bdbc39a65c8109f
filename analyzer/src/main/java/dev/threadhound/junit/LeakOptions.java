package dev.threadhound.junit;

import dev.threadhound.detect.Frames;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.ThreadRecord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link LeakCheck} ignores, how long it waits and which findings fail. Immutable; each {@code with} or
 * {@code ignore} call returns a copy, in the spirit of goleak's named options.
 */
public final class LeakOptions {

    public static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);

    private final Duration linger;
    private final List<Pattern> ignoredNames;
    private final List<String> ignoredTopFrames;
    private final List<String> ignoredCreationSites;
    private final Set<FindingType> failOn;
    private final boolean ignoreTimedWaiting;

    private LeakOptions(Duration linger, List<Pattern> names, List<String> topFrames, List<String> creationSites,
                        Set<FindingType> failOn, boolean ignoreTimedWaiting) {
        this.linger = linger;
        this.ignoredNames = List.copyOf(names);
        this.ignoredTopFrames = List.copyOf(topFrames);
        this.ignoredCreationSites = List.copyOf(creationSites);
        this.failOn = Set.copyOf(failOn);
        this.ignoreTimedWaiting = ignoreTimedWaiting;
    }

    /**
     * Linger 1 s, nothing extra ignored, every leak type, deadlocks and threads that died fail, and lock-order cycles
     * closed during the check (which only an agent tracking lock order, {@code lockOrder=on}, can see).
     */
    public static LeakOptions defaults() {
        return new LeakOptions(DEFAULT_LINGER, List.of(), List.of(), List.of(), EnumSet.of(FindingType.DEADLOCK,
                FindingType.LEAKED_THREAD, FindingType.LEAKED_TASK, FindingType.LEAKED_EXECUTOR,
                FindingType.THREAD_PILE_UP, FindingType.THREAD_DIED, FindingType.POTENTIAL_DEADLOCK), false);
    }

    public LeakOptions linger(Duration value) {
        return new LeakOptions(value, ignoredNames, ignoredTopFrames, ignoredCreationSites, failOn, ignoreTimedWaiting);
    }

    /** Regular expressions matched against a thread's whole name. */
    public LeakOptions ignoreThreadNames(String... regexes) {
        List<Pattern> names = new ArrayList<>(ignoredNames);
        Arrays.stream(regexes).map(Pattern::compile).forEach(names::add);
        return new LeakOptions(linger, names, ignoredTopFrames, ignoredCreationSites, failOn, ignoreTimedWaiting);
    }

    /** {@code class.method} prefixes matched against a thread's top frame. */
    public LeakOptions ignoreTopFrames(String... prefixes) {
        return new LeakOptions(linger, ignoredNames, plus(ignoredTopFrames, prefixes), ignoredCreationSites, failOn,
                ignoreTimedWaiting);
    }

    /** {@code class.method} prefixes matched against every frame of a creation or submission site (needs the agent). */
    public LeakOptions ignoreCreatedAt(String... prefixes) {
        return new LeakOptions(linger, ignoredNames, ignoredTopFrames, plus(ignoredCreationSites, prefixes), failOn,
                ignoreTimedWaiting);
    }

    /** Only these finding types fail; the others are not even looked for. */
    public LeakOptions failOn(FindingType... types) {
        return new LeakOptions(linger, ignoredNames, ignoredTopFrames, ignoredCreationSites,
                types.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(types)), ignoreTimedWaiting);
    }

    /**
     * {@code true}: a thread that waits with a timeout ({@code TIMED_WAITING}: {@code Thread.sleep}, a timed
     * {@code wait}, {@code poll} or {@code await}) is not a leak, nor is a task whose thread does: it may end by
     * itself. The price: a loop that sleeps and never ends is not a leak either. Executors never shut down are
     * reported whatever their threads do.
     */
    public LeakOptions ignoreTimedWaiting(boolean value) {
        return new LeakOptions(linger, ignoredNames, ignoredTopFrames, ignoredCreationSites, failOn, value);
    }

    /**
     * The defaults as the suite configures them through system properties: the {@code threadhound.junit.*} keys
     * that JUnit 5 also reads as configuration parameters (for JUnit 4, whose rules have no configuration of
     * their own). A bad value fails with one line naming the key and what is allowed.
     */
    public static LeakOptions fromSystemProperties() {
        return Settings.options(key -> java.util.Optional.ofNullable(System.getProperty(key)));
    }

    public Duration linger() {
        return linger;
    }

    public boolean fails(FindingType type) {
        return failOn.contains(type);
    }

    public boolean ignoresTimedWaiting() {
        return ignoreTimedWaiting;
    }

    boolean ignores(ThreadRecord thread) {
        String name = thread.name() == null ? "" : thread.name();
        String top = thread.topFrame();
        return ignoredNames.stream().anyMatch(p -> p.matcher(name).matches())
                || top != null && ignoredTopFrames.stream().anyMatch(Frames.method(top)::startsWith)
                || ignoresSite(thread.createdAt());
    }

    boolean ignoresSite(List<String> site) {
        return Frames.anyStartsWith(site, ignoredCreationSites);
    }

    private static List<String> plus(List<String> list, String... more) {
        List<String> out = new ArrayList<>(list);
        out.addAll(Arrays.asList(more));
        return out;
    }
}
