package dev.threadhound.junit;

import org.junit.jupiter.api.MethodDescriptor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.MethodOrdererContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Comparator;
import java.util.Timer;

/**
 * Fixtures whose tests touch a process-wide timer in a lazy holder class, first in one order, then in the other
 * (one holder each, since a class is initialized once per JVM); and one whose holder is nested in its own
 * top-level class, which makes it the test's own code.
 */
final class SingletonFixtures {

    private SingletonFixtures() {
    }

    abstract static class TouchesTheTimer {

        abstract Timer timer();

        @Test
        void a_touchesTheTimer() {
            timer().purge();
        }

        @Test
        void b_touchesTheTimer() {
            timer().purge();
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 200)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class NameOrder extends TouchesTheTimer {
        @Override
        Timer timer() {
            return ProcessTimers.ForNameOrder.TIMER;
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 200)
    @TestMethodOrder(ReverseName.class)
    static class ReverseOrder extends TouchesTheTimer {
        @Override
        Timer timer() {
            return ProcessTimers.ForReverseOrder.TIMER;
        }
    }

    @Fixture
    @DetectLeaks(lingerMillis = 200)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class OwnHolder extends TouchesTheTimer {
        @Override
        Timer timer() {
            return Holder.TIMER;
        }

        /** Nested in the fixture's own top-level class: its static initializer is the test's own code. */
        static final class Holder {
            static final Timer TIMER = ProcessTimers.created("own-holder-timer");
        }
    }

    /** Method names from z to a. */
    static final class ReverseName implements MethodOrderer {
        @Override
        public void orderMethods(MethodOrdererContext context) {
            context.getMethodDescriptors().sort(
                    Comparator.comparing((MethodDescriptor d) -> d.getMethod().getName()).reversed());
        }
    }
}
