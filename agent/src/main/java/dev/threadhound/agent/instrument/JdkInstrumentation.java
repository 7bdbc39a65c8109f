package dev.threadhound.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Installs the advice into the JDK classes that start threads and run tasks. Classes missing on a JDK (the
 * virtual-thread executor before 21) simply match nothing.
 */
public final class JdkInstrumentation {

    private static final String THREAD = "java.lang.Thread";
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    private static final String TPE = "java.util.concurrent.ThreadPoolExecutor";
    private static final String STPE = "java.util.concurrent.ScheduledThreadPoolExecutor";
    private static final String AES = "java.util.concurrent.AbstractExecutorService";
    private static final String FJP = "java.util.concurrent.ForkJoinPool";
    private static final String PER_TASK = "java.util.concurrent.ThreadPerTaskExecutor";

    private JdkInstrumentation() {
    }

    /** Installs everything; returns the errors ByteBuddy reported (empty when all took). */
    public static List<String> install(Instrumentation inst) {
        // Our advice needs no Nexus (initialization strategy NoOp). Left enabled, its set-up probes sun.misc.Unsafe,
        // which JDK 23+ warns about on the host's stderr. The build relocates this constant with our ByteBuddy, so
        // it never disables the application's own copy.
        System.setProperty(Nexus.PROPERTY, "true");
        List<String> errors = new CopyOnWriteArrayList<>();
        new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.REDEFINE)
                .with(new AgentBuilder.Listener.Adapter() {
                    @Override
                    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
                        errors.add(typeName + ": " + error);
                    }
                })
                // Only the JDK classes below are ever looked at; everything else is passed over by name.
                .ignore(not(namedOneOf(THREAD, VIRTUAL_THREAD, TPE, STPE, AES, FJP, PER_TASK)))
                .type(namedOneOf(THREAD, VIRTUAL_THREAD))
                .transform(advice(ThreadStartAdvice.class, named("start").and(takesArguments(0).or(takesArguments(1)))))
                .transform(advice(ThreadDiedAdvice.class, named("dispatchUncaughtException").and(takesArguments(1))))
                .type(named(TPE))
                .transform(advice(ExecutorCreatedAdvice.class, isConstructor().and(takesArguments(7))))
                .transform(advice(TaskExecutedAdvice.class, named("execute").and(takesArguments(Runnable.class))))
                .transform(advice(TaskStartingAdvice.class, named("beforeExecute").and(takesArguments(2))))
                .transform(advice(TaskFinishedAdvice.class, named("afterExecute").and(takesArguments(2))))
                .transform(advice(WorkerStartedAdvice.class, named("runWorker")))
                .transform(advice(TaskRejectedAdvice.class, named("reject").and(takesArguments(1))))
                .transform(advice(ExecutorShutdownAdvice.class, namedOneOf("shutdown", "shutdownNow").and(takesArguments(0))))
                .type(named(AES))
                .transform(advice(TaskSubmittedAdvice.class, named("submit")))
                .type(named(STPE))
                .transform(advice(TaskSubmittedAdvice.class,
                        namedOneOf("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay")))
                .type(namedOneOf(FJP, PER_TASK))
                .transform(advice(ExecutorCreatedAdvice.class, isConstructor()))
                .transform(advice(TaskSubmittedAdvice.class,
                        namedOneOf("execute", "submit", "invoke").and(takesArguments(1).or(takesArguments(2)))))
                .transform(advice(ExecutorShutdownAdvice.class, namedOneOf("shutdown", "shutdownNow").and(takesArguments(0))))
                .installOn(inst);
        return errors;
    }

    private static AgentBuilder.Transformer advice(Class<?> adviceClass, ElementMatcher<? super MethodDescription> methods) {
        return (DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader, JavaModule module,
                java.security.ProtectionDomain domain) -> builder.visit(Advice.to(adviceClass).on(methods));
    }
}
