package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.regex.Pattern;

/**
 * yaml.marshal in the layout of sigs.k8s.io/yaml (go-yaml v2): sorted keys, two-space indent,
 * sequences at the parent key's indentation, strings quoted when YAML 1.1 would read them as
 * something else, multi-line strings as literal blocks, numbers as go-yaml prints them.
 */
final class EncodingYaml {
    private EncodingYaml() {}

    static String marshal(Value v) {
        // Through JSON first, as OPA does: sets become arrays, non-string keys become strings.
        Value j = Json.parse(Json.write(v));
        StringBuilder sb = new StringBuilder();
        if (j instanceof ObjectValue o && !o.isEmpty()) {
            map(sb, o, 0);
        } else if (j instanceof ArrayValue a && a.size() > 0) {
            seq(sb, a.asList(), 0);
        } else {
            sb.append(scalar(j)).append('\n');
        }
        return sb.toString();
    }

    private static void indent(StringBuilder sb, int n) {
        for (int i = 0; i < n; i++) sb.append(' ');
    }

    private static void map(StringBuilder sb, ObjectValue o, int ind) {
        for (int i = 0; i < o.size(); i++) {
            if (i > 0) indent(sb, ind);
            sb.append(scalar(o.keyAt(i))).append(':');
            value(sb, o.valueAt(i), ind, false);
        }
    }

    private static void seq(StringBuilder sb, List<Value> items, int ind) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) indent(sb, ind);
            sb.append('-');
            value(sb, items.get(i), ind, true);
        }
    }

    /** Writes " value\n" or a nested block after a "key:" or "-". */
    private static void value(StringBuilder sb, Value v, int ind, boolean inSeq) {
        if (v instanceof ObjectValue o && !o.isEmpty()) {
            if (inSeq) {
                sb.append(' ');
                map(sb, o, ind + 2);
            } else {
                sb.append('\n');
                indent(sb, ind + 2);
                map(sb, o, ind + 2);
            }
        } else if (v instanceof ArrayValue a && a.size() > 0) {
            if (inSeq) {
                sb.append(' ');
                seq(sb, a.asList(), ind + 2);
            } else {
                sb.append('\n');
                indent(sb, ind);
                seq(sb, a.asList(), ind);
            }
        } else if (v instanceof StringValue s && s.value().indexOf('\n') >= 0 && literalOk(s.value())) {
            String str = s.value();
            boolean keep = str.endsWith("\n");
            sb.append(keep ? " |\n" : " |-\n");
            String body = keep ? str.substring(0, str.length() - 1) : str;
            for (String line : body.split("\n", -1)) {
                if (!line.isEmpty()) indent(sb, ind + 2);
                sb.append(line).append('\n');
            }
        } else {
            sb.append(' ').append(scalar(v)).append('\n');
        }
    }

    private static boolean literalOk(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f)) return false;
        }
        return !s.startsWith(" ") && !s.contains(" \n") && !s.endsWith(" ");
    }

    private static final Pattern YAML11_SPECIAL = Pattern.compile(
            "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
                    + "|~|null|Null|NULL|<<|=|\\.inf|\\.Inf|\\.INF|[-+]\\.inf|[-+]\\.Inf|[-+]\\.INF|\\.nan|\\.NaN|\\.NAN"
                    + "|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?"
                    + "|[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0[0-7_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?"
                    + "|\\d{4}-\\d\\d?-\\d\\d?([Tt ].*)?");

    static String scalar(Value v) {
        return switch (v) {
            case NullValue n -> "null";
            case BooleanValue b -> Boolean.toString(b.value());
            case NumberValue n -> number(n);
            case StringValue s -> string(s.value());
            case ArrayValue a -> "[]";
            case ObjectValue o -> "{}";
            case SetValue s -> "[]";
        };
    }

    /** go-yaml re-reads the JSON number: integers print as integers, others as %g (shortest). */
    private static String number(NumberValue n) {
        String text = n.toString();
        if (text.matches("-?[0-9]+")) {
            BigInteger i = new BigInteger(text);
            if (i.bitLength() <= 64) return i.toString();
        }
        double d = new BigDecimal(text).doubleValue();
        return StringSprintf.formatFloat(d, 'g', -1);
    }

    private static String string(String s) {
        if (s.isEmpty() || YAML11_SPECIAL.matcher(s).matches()) return doubleQuoted(s);
        boolean plain = true, single = true;
        char first = s.charAt(0);
        if (",[]{}#&*!|>'\"%@`".indexOf(first) >= 0) plain = false;
        if ("-?:".indexOf(first) >= 0 && (s.length() == 1 || s.charAt(1) == ' ')) plain = false;
        if (first == ' ' || s.charAt(s.length() - 1) == ' ') plain = false;
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) plain = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
                plain = false;
                single = false;
            }
        }
        if (plain) return s;
        if (single) return "'" + s.replace("'", "''") + "'";
        return doubleQuoted(s);
    }

    private static String doubleQuoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02X", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }
}
