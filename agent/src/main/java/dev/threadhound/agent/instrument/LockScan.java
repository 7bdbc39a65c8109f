package dev.threadhound.agent.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import java.util.HashMap;
import java.util.Map;

/**
 * A first read of a class, straight from its bytes: which methods take or release a lock (synchronized ones,
 * {@code monitorenter}/{@code monitorexit}, a {@link LockCall}), with what the rewrite needs to know of them. Most
 * classes have none and are left exactly as they were, having cost a walk over their bytecode (a few microseconds
 * for a class of a few kilobytes), without building any of ASM's visitors.
 */
final class LockScan {

    /**
     * How to rewrite one method.
     *
     * @param maxLocals         its local variable slots: the inserted code's own come after them
     * @param selfCoveringRange it has an exception range that covers its own handler (javac's around the
     *                          monitorexit of a synchronized block's exceptional exit): no call may be inserted into
     *                          it ({@link ExceptionRanges})
     */
    record Plan(int maxLocals, boolean selfCoveringRange) {
    }

    private static final String LOCKS_PACKAGE = "java/util/concurrent/locks/";
    private static final byte[] CODE = {'C', 'o', 'd', 'e'};

    /** Method name plus descriptor -> how to rewrite it, for the methods to rewrite. */
    final Map<String, Plan> methods = new HashMap<>();
    int version;

    private final ClassReader reader;
    private final byte[] bytes;
    /** Constant pool indexes of method references to a class of {@code java.util.concurrent.locks}; null if none. */
    private boolean[] lockMethods;

    private char[] buffer;

    private LockScan(byte[] bytes, ClassReader reader) {
        this.reader = reader;
        this.bytes = bytes;
    }

    /** @param reader a reader of {@code bytes}, which are a whole class file */
    static LockScan of(byte[] bytes, ClassReader reader) {
        LockScan scan = new LockScan(bytes, reader);
        scan.read();
        return scan;
    }

    private void read() {
        version = reader.readUnsignedShort(6);
        lockMethods = lockMethodReferences();
        int at = reader.header + 6;
        at += 2 + 2 * reader.readUnsignedShort(at);
        int fields = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < fields; i++) {
            at = skipMember(at);
        }
        int methodCount = reader.readUnsignedShort(at);
        at += 2;
        for (int i = 0; i < methodCount; i++) {
            at = method(at);
        }
    }

    /** Reads one method_info; returns the offset after it. */
    private int method(int at) {
        int access = reader.readUnsignedShort(at);
        int attributes = reader.readUnsignedShort(at + 6);
        int attribute = at + 8;
        for (int i = 0; i < attributes; i++) {
            int length = reader.readInt(attribute + 2);
            if (isCode(reader.readUnsignedShort(attribute))) {
                code(access, at, attribute + 6);
            }
            attribute += 6 + length;
        }
        return attribute;
    }

    /** @param member the method_info, {@code at} its Code attribute's contents */
    private void code(int access, int member, int at) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return;
        }
        int maxLocals = reader.readUnsignedShort(at + 2);
        int length = reader.readInt(at + 4);
        int start = at + 8;
        boolean locks = (access & Opcodes.ACC_SYNCHRONIZED) != 0
                && LockingMethod.synchronizedBody(access, utf8(member + 2), version) || takesLocks(start, length);
        if (!locks) {
            return;
        }
        int table = start + length;
        int entries = reader.readUnsignedShort(table);
        boolean selfCovering = false;
        for (int i = 0; i < entries; i++) {
            int entry = table + 2 + 8 * i;
            int from = reader.readUnsignedShort(entry);
            int to = reader.readUnsignedShort(entry + 2);
            int handler = reader.readUnsignedShort(entry + 4);
            selfCovering |= handler >= from && handler < to;
        }
        methods.put(utf8(member + 2) + utf8(member + 4), new Plan(maxLocals, selfCovering));
    }

    /** The CONSTANT_Utf8 whose index is at {@code offset}. */
    private String utf8(int offset) {
        if (buffer == null) {
            buffer = new char[reader.getMaxStringLength()];
        }
        return reader.readUTF8(offset, buffer);
    }

    /** Whether the code has a monitor instruction or a call of a {@link LockCall} method's class. */
    private boolean takesLocks(int start, int length) {
        int end = start + length;
        int pc = start;
        while (pc < end) {
            int opcode = bytes[pc] & 0xFF;
            switch (opcode) {
                case Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> {
                    return true;
                }
                case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKEINTERFACE -> {
                    if (lockMethods != null && lockMethods[reader.readUnsignedShort(pc + 1)]) {
                        return true;
                    }
                }
                default -> {
                }
            }
            pc += instructionLength(pc, start);
        }
        return false;
    }

    /** The method references whose class is in {@code java.util.concurrent.locks}: a pass over the constant pool. */
    private boolean[] lockMethodReferences() {
        int count = reader.getItemCount();
        boolean[] refs = null;
        for (int i = 1; i < count; i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;
            }
            int tag = bytes[offset - 1];
            if (tag != 10 && tag != 11) {
                continue;
            }
            int classNameOffset = reader.getItem(reader.readUnsignedShort(reader.getItem(reader.readUnsignedShort(offset))));
            if (startsWith(classNameOffset, LOCKS_PACKAGE)) {
                if (refs == null) {
                    refs = new boolean[count];
                }
                refs[i] = true;
            }
        }
        return refs;
    }

    /** Whether the CONSTANT_Utf8 at {@code offset} (its length field) starts with an ASCII prefix. */
    private boolean startsWith(int offset, String prefix) {
        int length = reader.readUnsignedShort(offset);
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[offset + 2 + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isCode(int nameIndex) {
        int offset = reader.getItem(nameIndex);
        if (reader.readUnsignedShort(offset) != CODE.length) {
            return false;
        }
        for (int i = 0; i < CODE.length; i++) {
            if (bytes[offset + 2 + i] != CODE[i]) {
                return false;
            }
        }
        return true;
    }

    private int skipMember(int at) {
        int attributes = reader.readUnsignedShort(at + 6);
        int attribute = at + 8;
        for (int i = 0; i < attributes; i++) {
            attribute += 6 + reader.readInt(attribute + 2);
        }
        return attribute;
    }

    /** Length of the instruction at {@code pc}, switches and {@code wide} included. */
    private int instructionLength(int pc, int codeStart) {
        int opcode = bytes[pc] & 0xFF;
        switch (opcode) {
            case Opcodes.TABLESWITCH -> {
                int pad = 3 - ((pc - codeStart) & 3);
                int base = pc + 1 + pad;
                int low = reader.readInt(base + 4);
                int high = reader.readInt(base + 8);
                return 1 + pad + 12 + 4 * (high - low + 1);
            }
            case Opcodes.LOOKUPSWITCH -> {
                int pad = 3 - ((pc - codeStart) & 3);
                int base = pc + 1 + pad;
                return 1 + pad + 8 + 8 * reader.readInt(base + 4);
            }
            case 0xC4 -> {
                return (bytes[pc + 1] & 0xFF) == Opcodes.IINC ? 6 : 4;
            }
            default -> {
                return LENGTHS[opcode];
            }
        }
    }

    /** Instruction lengths by opcode (switches and {@code wide} aside); 1 for the few opcodes no class file has. */
    private static final byte[] LENGTHS = new byte[256];

    static {
        java.util.Arrays.fill(LENGTHS, (byte) 1);
        int[] two = {Opcodes.BIPUSH, Opcodes.LDC, Opcodes.ILOAD, Opcodes.LLOAD, Opcodes.FLOAD, Opcodes.DLOAD,
            Opcodes.ALOAD, Opcodes.ISTORE, Opcodes.LSTORE, Opcodes.FSTORE, Opcodes.DSTORE, Opcodes.ASTORE,
            Opcodes.RET, Opcodes.NEWARRAY};
        int[] three = {Opcodes.SIPUSH, 19 /* ldc_w */, 20 /* ldc2_w */, Opcodes.IINC, Opcodes.GETSTATIC,
            Opcodes.PUTSTATIC, Opcodes.GETFIELD, Opcodes.PUTFIELD, Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL,
            Opcodes.INVOKESTATIC, Opcodes.NEW, Opcodes.ANEWARRAY, Opcodes.CHECKCAST, Opcodes.INSTANCEOF,
            Opcodes.IFNULL, Opcodes.IFNONNULL, Opcodes.GOTO, Opcodes.JSR};
        for (int op : two) {
            LENGTHS[op] = 2;
        }
        for (int op : three) {
            LENGTHS[op] = 3;
        }
        for (int op = Opcodes.IFEQ; op <= Opcodes.IF_ACMPNE; op++) {
            LENGTHS[op] = 3;
        }
        LENGTHS[Opcodes.MULTIANEWARRAY] = 4;
        LENGTHS[Opcodes.INVOKEINTERFACE] = 5;
        LENGTHS[Opcodes.INVOKEDYNAMIC] = 5;
        LENGTHS[200 /* goto_w */] = 5;
        LENGTHS[201 /* jsr_w */] = 5;
    }
}
