package dev.ecsguard.rego.builtins;

/** Go formatting helpers shared by the string builtins (strconv.Quote...). */
final class StringFormat {
    private StringFormat() {}

    /** Go's strconv.Quote: printable runes kept, others escaped. */
    static void goQuote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            quoteRune(sb, c, '"');
        }
        sb.append('"');
    }

    static void quoteRune(StringBuilder sb, int c, char quote) {
        if (c == quote || c == '\\') {
            sb.append('\\').append((char) c);
            return;
        }
        if (isPrint(c)) {
            sb.appendCodePoint(c);
            return;
        }
        switch (c) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (c < ' ' || c == 0x7f) {
                    sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 15]);
                } else if (Character.isSurrogate((char) c) && c < 0x10000) {
                    sb.append("\\ufffd");
                } else if (c < 0x10000) {
                    sb.append("\\u");
                    hex(sb, c, 4);
                } else {
                    sb.append("\\U");
                    hex(sb, c, 8);
                }
            }
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void hex(StringBuilder sb, int v, int width) {
        for (int k = width - 1; k >= 0; k--) sb.append(HEX[(v >> (4 * k)) & 15]);
    }

    /** Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int c) {
        if (c < 0x80) return c >= 0x20 && c < 0x7f;
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
