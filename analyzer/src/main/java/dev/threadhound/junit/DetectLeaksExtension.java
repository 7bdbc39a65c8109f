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
 * A pool set up there grows new workers during the tests, though: without the agent, idle pool workers are judged
 * when the class ends ({@link IdleWorkersAtClassEnd}).
 */
public final class DetectLeaksExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DetectLeaksExtension.class);
    private static final String CHECK = "check";
    private static final String IDLE_WORKERS = "idleWorkers";

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
            LeakCheck check = LeakCheck.start(subject, context.getRequiredTestClass(), Settings.options(context, annotation));
            ExtensionContext outermost = outermostClass(context);
            if (outermost != context) {
                check.leaveIdleWorkersTo(outermost.getStore(NAMESPACE).getOrComputeIfAbsent(IDLE_WORKERS,
                        k -> new IdleWorkersAtClassEnd("class " + outermost.getRequiredTestClass().getSimpleName()),
                        IdleWorkersAtClassEnd.class));
            }
            context.getStore(NAMESPACE).put(CHECK, check);
        }
    }

    /** The top-level test class around this context: pools shared by its tests are set up there at the latest. */
    private static ExtensionContext outermostClass(ExtensionContext context) {
        ExtensionContext outermost = context;
        for (ExtensionContext c = context; c != null && c.getTestClass().isPresent(); c = c.getParent().orElse(null)) {
            outermost = c;
        }
        return outermost;
    }

    private static void verify(ExtensionContext context) {
        // The store of the context itself, not a parent's: a class-scope check must not end after the first test.
        LeakCheck check = context.getStore(NAMESPACE).remove(CHECK, LeakCheck.class);
        if (check != null) {
            check.verifyNone();
        }
    }
}
