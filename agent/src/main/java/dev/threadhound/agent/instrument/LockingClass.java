package dev.threadhound.agent.instrument;

import dev.threadhound.agent.track.LockSites;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Rewrites the methods a {@link LockScan} found taking locks; every other method is copied as it was. */
final class LockingClass extends ClassVisitor {

    private final LockScan scan;
    private final String bridge;
    private final LockSites sites;
    private String owner;
    private String file;

    LockingClass(ClassVisitor next, LockScan scan, String bridge, LockSites sites) {
        super(Opcodes.ASM9, next);
        this.scan = scan;
        this.bridge = bridge;
        this.sites = sites;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public void visitSource(String source, String debug) {
        file = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
        LockScan.Plan plan = scan.methods.get(name + descriptor);
        if (plan == null || next == null) {
            return next;
        }
        return new LockingMethod(next, bridge, sites, owner, name, file, access, scan.version, plan);
    }
}
