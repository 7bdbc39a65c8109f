package dev.threadhound.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Creation stacks as a pile-up groups threads: by every application frame of the stack, so that two places in
 * the application that call the same library method (which starts the thread) are two sites, while the JDK's
 * own frames below (how the calling thread happened to be scheduled) do not split one site in two.
 */
public final class CreationSites {

    /** Callers named after the first application frame: the library's caller, and that one's when it is another. */
    private static final int DESCRIBED_CALLERS = 2;

    /**
     * The top-level domains packages are named after: the generic ones and the countries' (ISO's two letters, and
     * {@code uk} and {@code eu}); not any two letters, RxJava's {@code rx} is a library.
     */
    private static final Set<String> DOMAINS = domains();

    private CreationSites() {
    }

    /** The application frames of a creation stack in order; empty when the site is unknown or all JDK. */
    public static List<String> key(List<String> createdAt) {
        return createdAt.stream().filter(f -> !Frames.platform(f) && !Frames.synthetic(f)).toList();
    }

    /**
     * {@code HashedWheelTimer.start(HashedWheelTimer.java:379) via Billing.remind(Billing.java:20)}: the first
     * application frame and, when that frame is a library's, the first caller outside the library's packages, then
     * the first caller outside those two. One library called through another reads {@code HashedWheelTimer.start(...)
     * via DefaultClientResources.<init>(...) via Orders.connect(...)}: which frame is the application's own is not
     * known here, and that one is usually the third.
     */
    public static String describe(List<String> createdAt) {
        List<String> app = key(createdAt);
        if (app.isEmpty()) {
            return createdAt.isEmpty() ? "an unknown site" : Frames.shortFrame(createdAt.get(0));
        }
        StringBuilder out = new StringBuilder(Frames.shortFrame(app.get(0)));
        Set<String> roots = new HashSet<>();
        roots.add(packageRoot(app.get(0)));
        int callers = 0;
        for (int i = 1; i < app.size() && callers < DESCRIBED_CALLERS; i++) {
            if (roots.add(packageRoot(app.get(i)))) {
                out.append(" via ").append(Frames.shortFrame(app.get(i)));
                callers++;
            }
        }
        return out.toString();
    }

    /**
     * {@code HikariPool.initializeHouseKeepingExecutorService(HikariPool.java:622), PoolBase.createNetworkTimeoutExecutor(
     * PoolBase.java:604) and UtilityElf.createThreadPoolExecutor(UtilityElf.java:139) via Orders.pool(Orders.java:39)}:
     * the first application frame of each of several creation stacks of one library, then the callers outside it as
     * {@link #describe(List)} names them for the first stack.
     */
    static String describePlaces(Collection<List<String>> createdAts) {
        if (createdAts.size() == 1) {
            return describe(createdAts.iterator().next());
        }
        List<String> places = new ArrayList<>();
        String callers = "";
        for (List<String> createdAt : createdAts) {
            List<String> app = key(createdAt);
            if (app.isEmpty()) {
                continue;
            }
            String described = describe(createdAt);
            String place = Frames.shortFrame(app.get(0));
            places.add(place);
            if (callers.isEmpty()) {
                callers = described.substring(place.length());
            }
        }
        if (places.isEmpty()) {
            return describe(createdAts.iterator().next());
        }
        String last = places.remove(places.size() - 1);
        return (places.isEmpty() ? last : String.join(", ", places) + " and " + last) + callers;
    }

    /**
     * The library a creation stack's first application frame belongs to and the first caller outside it, in full:
     * what one library object made per call leaves behind at each place of the library that made an executor. Null
     * when the stack has no application frame or no caller outside the library (the application's own code).
     */
    static String libraryAndCaller(List<String> createdAt) {
        List<String> app = key(createdAt);
        return outsideCaller(app).map(caller -> packageRoot(app.get(0)) + " via " + caller).orElse(null);
    }

    /**
     * The first application frame of a creation stack and the first caller outside its library, in full: one library
     * method making executors for several callers (ActiveMQ's {@code TaskRunnerFactory}, called by its broker, its
     * transport and each session) is a site per caller. Null when the stack has no application frame.
     */
    static String siteAndCaller(List<String> createdAt) {
        List<String> app = key(createdAt);
        if (app.isEmpty()) {
            return null;
        }
        return app.get(0) + outsideCaller(app).map(caller -> " via " + caller).orElse("");
    }

    /**
     * Whether the thread was started for a caller outside the library that started it: false only when a library's
     * frame started it and every application frame below is that library's (a server's event loop starting another
     * on a new connection), as far as the stack shows. A thread the JDK started ({@code new Timer()}) was started
     * for whoever called the JDK.
     */
    static boolean calledFromOutsideTheLibrary(List<String> createdAt) {
        List<String> app = key(createdAt);
        if (app.isEmpty() || !app.get(0).equals(createdAt.get(0))) {
            return true;
        }
        return outsideCaller(app).isPresent();
    }

    /**
     * Whether a library made something ({@code createdAt}) on a thread of its own that was started for a caller
     * outside it ({@code starterCreatedAt}): a WebSocket client's write thread started on its connect thread, which
     * the application's call started; or one library through another on the other's thread. The application's own
     * threads starting others, and libraries calling the JDK for the application, are not.
     */
    static boolean startedForAnOutsideCaller(List<String> createdAt, List<String> starterCreatedAt) {
        List<String> app = key(createdAt);
        if (app.isEmpty()) {
            return false;
        }
        if (outsideCaller(app).isEmpty()) {
            String root = packageRoot(app.get(0));
            return key(starterCreatedAt).stream().anyMatch(f -> !packageRoot(f).equals(root));
        }
        return startedThroughALibraryOnItsOwnThread(app, key(starterCreatedAt));
    }

    /**
     * One library called by another on a thread of the caller's own ({@code app}: Netty's event loop started by
     * Vert.x on its worker thread, after the application's call had returned), which the caller started for someone
     * outside both: the starter's creation stack names one of the libraries and someone else.
     */
    private static boolean startedThroughALibraryOnItsOwnThread(List<String> app, List<String> starter) {
        Set<String> roots = new HashSet<>();
        app.stream().takeWhile(f -> !Frames.testFramework(f)).forEach(f -> roots.add(packageRoot(f)));
        return starter.stream().anyMatch(f -> roots.contains(packageRoot(f)))
                && starter.stream().anyMatch(f -> !roots.contains(packageRoot(f)));
    }

    /**
     * Whether the stack's first application frame is a library's called from outside it, as far as the stack shows
     * below (up to a test framework's frames): an application waiting in a library's call, not a library's or an
     * application's thread in its own code.
     */
    static boolean calledFromAnotherLibrary(List<String> stack) {
        return outsideCaller(key(stack)).isPresent();
    }

    /**
     * Whether a thread runs the code of whoever started it, and nobody else asked for it: the application frames of
     * its creation site, and of its starter's when known, are all of the package root of {@code place}'s first (up to
     * a test framework's frames). An application's own thread in a loop of its own; not a library's timer that an
     * application's call started (that call is on the creation site).
     */
    static boolean startedByItsOwnCode(List<String> place, List<String> createdAt, List<String> starterCreatedAt) {
        List<String> app = key(place);
        List<String> site = key(createdAt);
        if (app.isEmpty() || site.isEmpty()) {
            return false;
        }
        String root = packageRoot(app.get(0));
        return allOf(site, root) && allOf(key(starterCreatedAt), root);
    }

    private static boolean allOf(List<String> app, String root) {
        return app.stream().takeWhile(f -> !Frames.testFramework(f)).allMatch(f -> packageRoot(f).equals(root));
    }

    /** The first of the application frames {@code app} outside the package root of the first. */
    private static Optional<String> outsideCaller(List<String> app) {
        if (app.isEmpty()) {
            return Optional.empty();
        }
        String root = packageRoot(app.get(0));
        return app.stream().skip(1).takeWhile(f -> !Frames.testFramework(f))
                .filter(f -> !packageRoot(f).equals(root)).findFirst();
    }

    /**
     * {@code  via Orders.load(Orders.java:65)}: the first application frame below {@code stack.get(from)} outside
     * that frame's library, or nothing: where the application called the library a thread waits in.
     */
    static String callerOutside(List<String> stack, int from) {
        String root = packageRoot(stack.get(from));
        for (int i = from + 1; i < stack.size(); i++) {
            String frame = stack.get(i);
            if (Frames.testFramework(frame)) {
                // what called the test: the test was the caller
                return "";
            }
            if (!Frames.platform(frame) && !Frames.synthetic(frame) && !packageRoot(frame).equals(root)) {
                return " via " + Frames.shortFrame(frame);
            }
        }
        return "";
    }

    /**
     * {@code io.netty} for {@code io.netty.util.HashedWheelTimer}: the part of a package a library owns, its reversed
     * domain. A package that does not start with a domain is the library's whole root: JeroMQ's {@code zmq.poll} and
     * {@code zmq} are one library, and so are OkHttp's {@code okhttp3.internal} and {@code okhttp3}; so is the
     * unnamed package.
     */
    private static String packageRoot(String frame) {
        String[] parts = Frames.className(frame).split("\\.");
        if (parts.length == 1) {
            return "";
        }
        return parts.length == 2 || !topLevelDomain(parts[0]) ? parts[0] : parts[0] + "." + parts[1];
    }

    private static boolean topLevelDomain(String segment) {
        return DOMAINS.contains(segment);
    }

    private static Set<String> domains() {
        Set<String> out = new HashSet<>(List.of("com", "org", "net", "edu", "gov", "mil", "int", "biz", "info", "name",
                "pro", "app", "dev", "tech", "uk", "eu"));
        for (String country : Locale.getISOCountries()) {
            out.add(country.toLowerCase(Locale.ROOT));
        }
        return Set.copyOf(out);
    }
}
