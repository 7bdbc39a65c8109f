package dev.threadhound.agent.instrument;

import dev.threadhound.agent.track.LockSite;
import dev.threadhound.agent.track.LockSites;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the bridge calls of lock-order tracking into one method of an application class:
 * <ul>
 * <li>{@code MONITORENTER}: {@code DUP; site; monitorEnter} before it; {@code MONITOREXIT}: {@code DUP; monitorExit}
 * before it, or, inside an exception range that covers its own handler (javac's exceptional exit of a synchronized
 * block), the monitor kept in a local and told just after the range ({@link ExceptionRanges});</li>
 * <li>a synchronized method: {@code methodEnter(this or the class, site)} at entry, {@code methodExit(site)} before
 * each return, and a handler over the whole body, last in the exception table so the method's own handlers come
 * first, that calls {@code methodExit(site)} and rethrows;</li>
 * <li>a {@link LockCall}: {@code lockAttempt} before a call that may block, {@code lockTaken} or {@code lockTried}
 * after it returns normally (a failed {@code lockInterruptibly} leaves nothing held), {@code lockRelease} before an
 * unlock. Arguments above the lock on the stack are kept in fresh locals above the method's own.</li>
 * </ul>
 * No branches are added and, but for the handler's, no stack map frames: the inserted code only pushes, stores to
 * its own locals and calls static methods that return nothing and never throw.
 */
final class LockingMethod extends MethodVisitor {

    private static final String OBJECT_INT = "(Ljava/lang/Object;I)V";

    private final String bridge;
    private final LockSites sites;
    private final String owner;
    private final String method;
    private final String file;
    private final boolean isStatic;
    private final boolean synchronizedBody;
    private final boolean frames;
    /**
     * First of the five locals the inserted code uses: a lock and its arguments (four), and a monitor whose release is
     * told after its handler's range.
     */
    private final int temp;

    private int line = -1;
    private int firstLine = -1;
    /** What the last instruction loaded, and the two before it (a timed tryLock's lock comes before two arguments). */
    private LockName name = LockName.NONE;
    private LockName previous = LockName.NONE;
    private LockName beforePrevious = LockName.NONE;
    private final List<Pending> pending = new ArrayList<>();
    private final Map<Integer, String> variables = new HashMap<>();
    private final Map<Integer, Integer> variableCounts = new HashMap<>();
    /** Where a synchronized method's entry hook begins (the method's first instruction now); null otherwise. */
    private Label hookStart;
    private Label bodyStart;
    private int methodSite = -1;
    /** The method's exception ranges, when one covers its own handler (see {@link ExceptionRanges}). */
    private final ExceptionRanges ranges;
    /** A monitor released inside a range that covers its own handler, kept in a local until the range ends. */
    private Label owedAfter;
    private boolean owedNow;

    /** A site reserved while the method is read; filled in at its end, when its local variables are known. */
    private record Pending(int number, int line, LockName name) {
    }

    LockingMethod(MethodVisitor next, String bridge, LockSites sites, String owner, String method,
                  String file, int access, int classVersion, LockScan.Plan plan) {
        super(Opcodes.ASM9, next);
        this.bridge = bridge;
        this.sites = sites;
        this.owner = owner;
        this.method = method;
        this.file = file;
        this.isStatic = (access & Opcodes.ACC_STATIC) != 0;
        this.synchronizedBody = synchronizedBody(access, method, classVersion);
        this.frames = (classVersion & 0xFFFF) >= Opcodes.V1_6;
        this.temp = plan.maxLocals();
        this.ranges = plan.selfCoveringRange() && frames ? new ExceptionRanges() : null;
    }

    /** Synchronized methods get an entry call and exits; a static one needs a class literal (class files 49+). */
    static boolean synchronizedBody(int access, String method, int classVersion) {
        return (access & Opcodes.ACC_SYNCHRONIZED) != 0 && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                && !method.startsWith("<")
                && ((access & Opcodes.ACC_STATIC) == 0 || (classVersion & 0xFFFF) >= Opcodes.V1_5);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        if (synchronizedBody) {
            hookStart = new Label();
            super.visitLabel(hookStart);
            if (isStatic) {
                super.visitLdcInsn(Type.getObjectType(owner));
                methodSite = site(false, true, LockName.classLiteral(owner));
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                methodSite = site(false, true, LockName.self(owner));
            }
            push(methodSite);
            hook("methodEnter", OBJECT_INT);
            bodyStart = new Label();
            super.visitLabel(bodyStart);
        }
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
        if (ranges != null) {
            ranges.add(start, end, handler);
        }
        super.visitTryCatchBlock(start, end, handler, type);
    }

    @Override
    public void visitLabel(Label label) {
        super.visitLabel(label);
        if (ranges != null) {
            ranges.reached(label);
            owedNow |= label == owedAfter;
        }
    }

    /**
     * A frame at the first instruction after the range means it is reached by a jump too: the local may not hold
     * the monitor there, so the release is not told (the held stack drops the monitor at its next slow path).
     */
    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
        if (owedNow) {
            owedAfter = null;
            owedNow = false;
        }
        super.visitFrame(type, numLocal, local, numStack, stack);
    }

    /** Before each original instruction: the release owed since a range that covered its own handler ended. */
    private void settle() {
        if (owedNow) {
            owedAfter = null;
            owedNow = false;
            super.visitVarInsn(Opcodes.ALOAD, temp + 4);
            hook("monitorExit", "(Ljava/lang/Object;)V");
        }
    }

    @Override
    public void visitLineNumber(int number, Label start) {
        line = number;
        if (firstLine < 0) {
            firstLine = number;
            if (hookStart != null) {
                // a thread blocked entering the method is at the hook's first instruction: it keeps the method's line
                super.visitLineNumber(number, hookStart);
            }
        }
        super.visitLineNumber(number, start);
    }

    @Override
    public void visitInsn(int opcode) {
        settle();
        if (opcode == Opcodes.MONITORENTER) {
            super.visitInsn(Opcodes.DUP);
            push(site(false, true, name));
            hook("monitorEnter", OBJECT_INT);
        } else if (opcode == Opcodes.MONITOREXIT) {
            Label rangeEnd = ranges == null ? null : ranges.selfCoveringEnd();
            super.visitInsn(Opcodes.DUP);
            if (rangeEnd == null) {
                hook("monitorExit", "(Ljava/lang/Object;)V");
            } else {
                super.visitVarInsn(Opcodes.ASTORE, temp + 4);
                owedAfter = rangeEnd;
            }
        } else if (synchronizedBody && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            push(methodSite);
            hook("methodExit", "(I)V");
        }
        // javac keeps the lock of a synchronized block in a local: aload, dup, astore, monitorenter.
        if (opcode != Opcodes.DUP) {
            saw(LockName.NONE);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
        settle();
        if (opcode == Opcodes.ALOAD) {
            saw(varIndex == 0 && !isStatic ? LockName.self(owner) : LockName.local(varIndex));
        } else if (opcode != Opcodes.ASTORE) {
            saw(LockName.NONE);
        }
        super.visitVarInsn(opcode, varIndex);
    }

    @Override
    public void visitFieldInsn(int opcode, String fieldOwner, String field, String descriptor) {
        settle();
        saw(opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC ? LockName.field(fieldOwner, field) : LockName.NONE);
        super.visitFieldInsn(opcode, fieldOwner, field, descriptor);
    }

    @Override
    public void visitLdcInsn(Object value) {
        settle();
        saw(value instanceof Type t && t.getSort() == Type.OBJECT ? LockName.classLiteral(t.getInternalName()) : LockName.NONE);
        super.visitLdcInsn(value);
    }

    @Override
    public void visitMethodInsn(int opcode, String callOwner, String callName, String descriptor, boolean isInterface) {
        settle();
        LockCall call = LockCall.of(opcode, callOwner, callName, descriptor);
        if (call == null) {
            if (!LockCall.keepsName(opcode, callOwner, callName)) {
                saw(LockName.NONE);
            }
            super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
            return;
        }
        LockName lock = call.kind() != LockCall.Kind.TIMED_TRY ? name
                : "java/util/concurrent/TimeUnit".equals(name.owner()) ? beforePrevious : LockName.NONE;
        saw(LockName.NONE);
        switch (call.kind()) {
            case ACQUIRE -> {
                int site = site(call.shared(), false, lock);
                keepLockAndAttempt(site);
                super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
                super.visitVarInsn(Opcodes.ALOAD, temp);
                push(site);
                hook("lockTaken", OBJECT_INT);
            }
            case TRY -> {
                int site = site(call.shared(), false, lock);
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, temp);
                super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
                tried(site);
            }
            case TIMED_TRY -> {
                int site = site(call.shared(), false, lock);
                super.visitVarInsn(Opcodes.ASTORE, temp + 3);
                super.visitVarInsn(Opcodes.LSTORE, temp + 1);
                keepLockAndAttempt(site);
                super.visitVarInsn(Opcodes.LLOAD, temp + 1);
                super.visitVarInsn(Opcodes.ALOAD, temp + 3);
                super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
                tried(site);
            }
            case RELEASE -> {
                release();
                super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
            }
            case RELEASE_STAMP -> {
                super.visitVarInsn(Opcodes.LSTORE, temp + 1);
                release();
                super.visitVarInsn(Opcodes.LLOAD, temp + 1);
                super.visitMethodInsn(opcode, callOwner, callName, descriptor, isInterface);
            }
        }
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
        settle();
        saw(LockName.NONE);
        super.visitTypeInsn(opcode, type);
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
        settle();
        saw(LockName.NONE);
        super.visitIntInsn(opcode, operand);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
        settle();
        saw(LockName.NONE);
        super.visitJumpInsn(opcode, label);
    }

    @Override
    public void visitInvokeDynamicInsn(String callName, String descriptor, org.objectweb.asm.Handle bootstrap,
                                       Object... arguments) {
        settle();
        saw(LockName.NONE);
        super.visitInvokeDynamicInsn(callName, descriptor, bootstrap, arguments);
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
        settle();
        saw(LockName.NONE);
        super.visitIincInsn(varIndex, increment);
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
        settle();
        saw(LockName.NONE);
        super.visitTableSwitchInsn(min, max, dflt, labels);
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
        settle();
        saw(LockName.NONE);
        super.visitLookupSwitchInsn(dflt, keys, labels);
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
        settle();
        saw(LockName.NONE);
        super.visitMultiANewArrayInsn(descriptor, numDimensions);
    }

    @Override
    public void visitLocalVariable(String variable, String descriptor, String signature, Label start, Label end, int index) {
        variables.put(index, variable);
        variableCounts.merge(index, 1, Integer::sum);
        super.visitLocalVariable(variable, descriptor, signature, start, end, index);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (synchronizedBody) {
            Label bodyEnd = new Label();
            super.visitLabel(bodyEnd);
            Label handler = new Label();
            super.visitTryCatchBlock(bodyStart, bodyEnd, handler, null);
            super.visitLabel(handler);
            if (frames) {
                super.visitFrame(Opcodes.F_FULL, 0, new Object[0], 1, new Object[] {"java/lang/Throwable"});
            }
            push(methodSite);
            hook("methodExit", "(I)V");
            super.visitInsn(Opcodes.ATHROW);
        }
        // Four more: the lock, a long timeout or stamp, the time unit; and at most three values pushed over a result.
        // Locals: those four slots, and a fifth for a monitor whose release is told after its handler's range.
        super.visitMaxs(maxStack + 4, Math.max(maxLocals, temp + 5));
    }

    @Override
    public void visitEnd() {
        for (Pending p : pending) {
            LockName lock = p.name();
            String text = lock.text();
            int rank = lock.rank();
            if (lock.local() >= 0) {
                // A slot that held variables of several names says nothing for sure.
                String variable = variableCounts.getOrDefault(lock.local(), 0) == 1 ? variables.get(lock.local()) : null;
                text = variable == null ? null : LockName.variable(variable, owner, method);
            }
            // A synchronized method's own site comes before any line number: its first line stands for it.
            int at = p.line() >= 0 ? p.line() : firstLine;
            sites.fill(p.number(), new LockSite(owner.replace('/', '.'), method, file, at, text, text == null ? 0 : rank));
        }
        super.visitEnd();
    }

    private void saw(LockName loaded) {
        beforePrevious = previous;
        previous = name;
        name = loaded;
    }

    /** Keeps the lock (on top of the stack) in the first temp local and calls {@code lockAttempt}. */
    private void keepLockAndAttempt(int site) {
        super.visitInsn(Opcodes.DUP);
        super.visitVarInsn(Opcodes.ASTORE, temp);
        super.visitInsn(Opcodes.DUP);
        push(site);
        hook("lockAttempt", OBJECT_INT);
    }

    /** With the boolean a {@code tryLock} returned on top of the stack: {@code lockTried(taken, lock, site)}. */
    private void tried(int site) {
        super.visitInsn(Opcodes.DUP);
        super.visitVarInsn(Opcodes.ALOAD, temp);
        push(site);
        hook("lockTried", "(ZLjava/lang/Object;I)V");
    }

    private void hook(String name, String descriptor) {
        super.visitMethodInsn(Opcodes.INVOKESTATIC, bridge, name, descriptor, false);
    }

    private void release() {
        super.visitInsn(Opcodes.DUP);
        hook("lockRelease", "(Ljava/lang/Object;)V");
    }

    /**
     * Reserves the site of the instruction being rewritten. The number the bridge gets is {@link LockSites#passed}:
     * the site's number, whether the lock is shared and whether it is a monitor.
     */
    private int site(boolean shared, boolean monitor, LockName lock) {
        int number = sites.reserve();
        pending.add(new Pending(number, line, lock));
        return LockSites.passed(number, shared, monitor);
    }

    private void push(int value) {
        if (value >= -1 && value <= 5) {
            super.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            super.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            super.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            super.visitLdcInsn(value);
        }
    }
}
