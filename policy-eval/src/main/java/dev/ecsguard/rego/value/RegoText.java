package dev.ecsguard.rego.value;

/** Formats values in Rego source notation, as OPA's {@code ast.Value.String()} does. */
public final class RegoText {
    private RegoText() {}

    public static String format(Value v) {
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Value v) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> quote(sb, s.value());
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(", ");
                    append(sb, a.get(i));
                }
                sb.append(']');
            }
            case ObjectValue o -> {
                sb.append('{');
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) sb.append(", ");
                    append(sb, o.keyAt(i));
                    sb.append(": ");
                    append(sb, o.valueAt(i));
                }
                sb.append('}');
            }
            case SetValue s -> {
                if (s.isEmpty()) {
                    sb.append("set()");
                    return;
                }
                sb.append('{');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) sb.append(", ");
                    append(sb, s.get(i));
                }
                sb.append('}');
            }
        }
    }

    /** Go strconv.Quote-style: escapes quotes, backslashes and control characters only. */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }
}
