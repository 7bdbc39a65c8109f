package dev.threadhound.agent.track;

import java.lang.reflect.Field;

/**
 * The class of the work a virtual thread was started with, read as it starts: out of the thread's continuation, out
 * of the wrappers of a virtual-thread-per-task executor (a {@code TaskRunner} for {@code execute}, a future for
 * {@code submit}), of {@code CompletableFuture.supplyAsync}/{@code runAsync}, and of a library's decorators
 * ({@link TaskUnwrapper#innerWorkClass}). A class of the JDK's own left after that (another wrapper) is no answer:
 * it stands for work started anywhere. Null wherever a field is not there in this JDK or not readable: the caller
 * then knows nothing of the work, never an error. Loaded at the first virtual thread's start, when the JDK's
 * virtual-thread classes are initialized already.
 */
final class VirtualTasks {

    private static final Field CONTINUATION = JdkFields.field(JdkFields.type("java.lang.VirtualThread"), "cont");
    private static final Field TARGET = JdkFields.field(JdkFields.type("jdk.internal.vm.Continuation"), "target");
    private static final Field RUNNER_TASK = JdkFields.field(
            JdkFields.type("java.util.concurrent.ThreadPerTaskExecutor$TaskRunner"), "task");
    private static final Field FUTURE_TASK = JdkFields.field(
            JdkFields.type("java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture"), "task");
    private static final Field ASYNC_SUPPLY = JdkFields.field(
            JdkFields.type("java.util.concurrent.CompletableFuture$AsyncSupply"), "fn");
    private static final Field ASYNC_RUN = JdkFields.field(
            JdkFields.type("java.util.concurrent.CompletableFuture$AsyncRun"), "fn");

    /**
     * The thread's task in what the continuation runs: a class of the JDK's own (an anonymous class, a lambda in JDK
     * 21) holding the thread and the task, the task its one {@code Runnable} field.
     */
    private static final ClassValue<Field> HELD_TASK = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return heldTask(type);
        }
    };

    /**
     * That class on JDK 25 (an anonymous class of the continuation's) and its field, looked up once: a field found per
     * class is read through a method handle that is no constant, and that read and the lookup were half of what
     * reading a class of work cost (a profile of 200,000 empty tasks a batch, each on a virtual thread of its own).
     * Null on other JDKs, where {@link #HELD_TASK} finds them.
     */
    private static final Class<?> HOLDER = JdkFields.type("java.lang.VirtualThread$VThreadContinuation$1");
    private static final Field HOLDER_TASK = HOLDER == null ? null : heldTask(HOLDER);

    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    private final TaskUnwrapper unwrapper = new TaskUnwrapper();
    /**
     * The class of task last found to be the work itself, no wrapper or decorator around it, with whether it is the
     * JDK's own: the answer is that class, or none.
     */
    private ClassMemo<Boolean> lastPlain;

    /** The class of the work {@code thread}, a virtual thread not yet running, was started with; or null. */
    Class<?> workClass(Thread thread) {
        if (CONTINUATION == null || TARGET == null) {
            return null;
        }
        Object continuation = JdkFields.get(CONTINUATION, thread);
        Object target = continuation == null ? null : JdkFields.get(TARGET, continuation);
        Object task = target == null ? null
                : target.getClass() == HOLDER ? JdkFields.get(HOLDER_TASK, target) : heldIn(target);
        Object inner = task == null ? null
                : inside(ASYNC_RUN, inside(ASYNC_SUPPLY, inside(RUNNER_TASK, inside(FUTURE_TASK, task))));
        if (inner == null) {
            return null;
        }
        Class<?> type = inner.getClass();
        ClassMemo<Boolean> plain = lastPlain;
        Boolean jdks = plain != null ? plain.answerFor(type) : null;
        if (jdks != null) {
            return jdks ? null : type;
        }
        Class<?> work = unwrapper.innerWorkClass(inner);
        Class<?> answer = ofTheJdk(work) ? null : work;
        if (unwrapper.opensNothing(type)) {
            // its own work: the answer is the type itself, or none
            lastPlain = new ClassMemo<>(type, answer == null);
        }
        return answer;
    }

    private static Object heldIn(Object target) {
        Field held = HELD_TASK.get(target.getClass());
        return held == null ? null : JdkFields.get(held, target);
    }

    /** The one {@code Runnable} field of {@code type}, made readable; null when it has none or several. */
    private static Field heldTask(Class<?> type) {
        Field found = null;
        for (Field f : type.getDeclaredFields()) {
            if (f.getType() == Runnable.class) {
                if (found != null) {
                    return null;
                }
                found = f;
            }
        }
        return found == null ? null : JdkFields.field(type, found.getName());
    }

    /** Whether the class is the JDK's own: the boot or the platform class loader's (its lambdas too). */
    private static boolean ofTheJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == PLATFORM;
    }

    /** What {@code wrapper} holds in {@code field} when it is of the field's class; else {@code wrapper} itself. */
    private static Object inside(Field field, Object wrapper) {
        return wrapper != null && field != null && field.getDeclaringClass().isInstance(wrapper)
                ? JdkFields.get(field, wrapper) : wrapper;
    }
}
