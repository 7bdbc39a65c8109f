package dev.threadhound.junit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Runs a {@link LeakCheck} around each test, or around the whole class for {@link DetectLeaks.Scope#CLASS}.
 * Registered by {@link DetectLeaks} or by JUnit's extension auto-detection (hence public); JUnit registers an
 * extension class once, so both together still check once.
 *
 * <p>Callbacks of extensions run outside the test's own {@code @BeforeEach}/{@code @AfterEach} methods, so
 * what those start and stop belongs to the test; threads started in {@code @BeforeAll} are older than every test.
 */
public final class DetectLeaksExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DetectLeaksExtension.class);
    private static final String CHECK = "check";

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context, DetectLeaks.Scope.CLASS, "class " + context.getRequiredTestClass().getSimpleName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open(context, DetectLeaks.Scope.TEST, "test " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getDisplayName());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        verify(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        verify(context);
    }

    private static void open(ExtensionContext context, DetectLeaks.Scope scope, String subject) {
        Optional<DetectLeaks> annotation = Settings.annotation(context);
        if (Settings.enabled(context, annotation) && Settings.scope(annotation) == scope) {
            context.getStore(NAMESPACE).put(CHECK, LeakCheck.start(subject, Settings.options(context, annotation)));
        }
    }

    private static void verify(ExtensionContext context) {
        // The store of the context itself, not a parent's: a class-scope check must not end after the first test.
        LeakCheck check = context.getStore(NAMESPACE).remove(CHECK, LeakCheck.class);
        if (check != null) {
            check.verifyNone();
        }
    }
}
