package dev.threadhound.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The options of one check: the configuration parameters ({@code threadhound.junit.*}, e.g. in
 * {@code junit-platform.properties}) as the base, the nearest {@link DetectLeaks} (method, then class) on top.
 */
final class Settings {

    static final String PREFIX = "threadhound.junit.";

    private Settings() {
    }

    /** The annotation that governs this context: on the test method, else on its class or an enclosing one. */
    static Optional<DetectLeaks> annotation(ExtensionContext context) {
        Optional<DetectLeaks> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, DetectLeaks.class));
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Class<?> c = context.getTestClass().orElse(null); c != null; c = c.getEnclosingClass()) {
            Optional<DetectLeaks> found = AnnotationSupport.findAnnotation(c, DetectLeaks.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Without an annotation a test is checked only when the extension was auto-detected and not turned off. */
    static boolean enabled(ExtensionContext context, Optional<DetectLeaks> annotation) {
        return annotation.isPresent() || context.getConfigurationParameter(PREFIX + "enabled")
                .map(v -> !v.equalsIgnoreCase("false")).orElse(true);
    }

    static DetectLeaks.Scope scope(Optional<DetectLeaks> annotation) {
        return annotation.map(DetectLeaks::scope).orElse(DetectLeaks.Scope.TEST);
    }

    static LeakOptions options(ExtensionContext context, Optional<DetectLeaks> annotation) {
        LeakOptions options = options(context::getConfigurationParameter);
        if (annotation.isEmpty()) {
            return options;
        }
        DetectLeaks a = annotation.get();
        options = options.ignoreThreadNames(a.ignoreThreadNames()).ignoreTopFrames(a.ignoreTopFrames())
                .ignoreCreatedAt(a.ignoreCreatedAt()).failOn(a.failOn());
        if (a.ignoreTimedWaiting()) {
            options = options.ignoreTimedWaiting(true);
        }
        return a.lingerMillis() >= 0 ? options.linger(Duration.ofMillis(a.lingerMillis())) : options;
    }

    /** The suite's defaults from {@code threadhound.junit.*} parameters, wherever they come from. */
    static LeakOptions options(Function<String, Optional<String>> parameter) {
        return LeakOptions.defaults()
                .linger(parameter.apply(PREFIX + "linger").map(Settings::duration).orElse(LeakOptions.DEFAULT_LINGER))
                .ignoreThreadNames(list(parameter, "ignoreThreadNames"))
                .ignoreTopFrames(list(parameter, "ignoreTopFrames"))
                .ignoreCreatedAt(list(parameter, "ignoreCreatedAt"))
                .ignoreTimedWaiting(parameter.apply(PREFIX + "ignoreTimedWaiting").map(Settings::bool).orElse(false));
    }

    private static boolean bool(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new IllegalArgumentException(PREFIX + "ignoreTimedWaiting: '" + text + "' is not true or false");
    }

    /** {@code 500ms}, {@code 2s}, {@code 1m}, or bare milliseconds. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PREFIX + "linger: '" + text + "' is not a duration such as 500ms, 2s or 1m");
        }
    }

    private static String[] list(Function<String, Optional<String>> parameter, String key) {
        return parameter.apply(PREFIX + key)
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toArray(String[]::new))
                .orElse(new String[0]);
    }
}
