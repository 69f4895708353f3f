package dev.ecsguard.rego.builtins;

/**
 * A string handed to RE2J's matcher that charges the automaton's work to the evaluation and
 * checks its deadline as the matcher reads it. RE2J's NFA does work proportional to the text's
 * length times the program's size and cannot be interrupted otherwise: a 100,000-instruction
 * program on 100,000 characters runs for over a minute. Each read of a character stands for one
 * step of every instruction: every {@code every} reads, {@code every * size / 4096} steps are
 * charged, about once per million instruction steps, so the deadline is checked often enough
 * to stop within a few milliseconds of it.
 */
final class GuardedText implements CharSequence {
    /** Below this much work (characters x instructions) the text is handed over as it is. */
    static final long FREE_WORK = 256 * 1024;

    private final String s;
    private final BuiltinContext ctx;
    private final int every;
    private final long units;
    private int reads;

    private GuardedText(String s, long programSize, BuiltinContext ctx) {
        this.s = s;
        this.ctx = ctx;
        long size = Math.max(1, programSize);
        this.every = (int) Math.max(16, Math.min(1 << 16, 1_000_000 / size));
        this.units = Math.max(1, every * size / 4096);
    }

    /** The text to match: s itself when the work is small, else s behind the guard. */
    static CharSequence of(String s, long programSize, BuiltinContext ctx) {
        if (ctx == null || (long) s.length() * Math.max(1, programSize) < FREE_WORK) return s;
        return new GuardedText(s, programSize, ctx);
    }

    @Override
    public char charAt(int index) {
        if (++reads >= every) {
            reads = 0;
            ctx.charge(units);
            ctx.checkDeadline();
        }
        return s.charAt(index);
    }

    @Override public int length() { return s.length(); }
    @Override public CharSequence subSequence(int start, int end) { return s.subSequence(start, end); }
    @Override public String toString() { return s; }
}
