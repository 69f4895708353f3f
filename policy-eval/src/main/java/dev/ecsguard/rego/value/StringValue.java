package dev.ecsguard.rego.value;

/** A string. Ordered by Unicode code point (as Go orders UTF-8 bytes), not by UTF-16 unit. */
public final class StringValue implements Value {
    public static final StringValue EMPTY = new StringValue("");

    private final String value;

    @Override
    public int weight() {
        return Math.max(1, value.length());
    }
    private int codePointCount = -1;

    private StringValue(String value) { this.value = value; }

    public static StringValue of(String s) {
        return s.isEmpty() ? EMPTY : new StringValue(s);
    }

    public String value() { return value; }

    /** Length in code points, as Rego's {@code count} reports it. */
    public int codePointLength() {
        int n = codePointCount;
        if (n < 0) {
            n = value.codePointCount(0, value.length());
            codePointCount = n;
        }
        return n;
    }

    @Override public int typeRank() { return RANK_STRING; }
    @Override public String typeName() { return "string"; }

    @Override
    public int compareSameType(Value other) {
        return compareCodePoints(value, ((StringValue) other).value);
    }

    /** Code point order: differs from String.compareTo only where surrogates meet U+E000..U+FFFF. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i), y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) return Integer.compare(fix(x), fix(y));
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static int fix(char c) {
        if (c >= 0xE000) return c - 0x800;   // U+E000..U+FFFF sort below supplementary planes
        return c + 0x2000;                    // surrogates (supplementary code points) sort above
    }

    @Override public boolean equals(Object o) { return o instanceof StringValue s && s.value.equals(value); }
    @Override public int hashCode() { return value.hashCode(); }
    @Override public String toString() { return value; }
}
