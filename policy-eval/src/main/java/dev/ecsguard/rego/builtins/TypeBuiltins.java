package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.math.BigDecimal;

/** is_*, type_name, to_number and the deprecated (v0-only) cast_* builtins (topdown/type.go, casts.go). */
public final class TypeBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        is(r, "is_number", NumberValue.class);
        is(r, "is_string", StringValue.class);
        is(r, "is_boolean", BooleanValue.class);
        is(r, "is_array", ArrayValue.class);
        is(r, "is_set", SetValue.class);
        is(r, "is_object", ObjectValue.class);
        is(r, "is_null", NullValue.class);
        StringValue[] names = new StringValue[9];
        for (String n : new String[]{"null", "boolean", "number", "string", "array", "object", "set"}) {
            names[rank(n)] = StringValue.of(n);
        }
        r.register("type_name", Type.STRING, (a, ctx) -> names[a[0].typeRank()], Type.ANY);
        r.register("to_number", Type.NUMBER, (a, ctx) -> toNumber(a[0]),
                Type.anyOf(Type.NULL, Type.BOOLEAN, Type.NUMBER, Type.STRING));

        // Deprecated since v0.13: available to Rego v0 only (the compiler rejects them in v1).
        r.register("cast_array", Type.ARRAY_ANY, (a, ctx) -> switch (a[0]) {
            case ArrayValue x -> x;
            case SetValue s -> ArrayValue.wrap(s.toArray());
            default -> throw arrayOrSet("cast_array", a[0]);
        }, Type.ANY);
        r.register("cast_set", Type.SET_ANY, (a, ctx) -> switch (a[0]) {
            case ArrayValue x -> SetValue.fromUnsorted(x.toArray());
            case SetValue s -> s;
            default -> throw arrayOrSet("cast_set", a[0]);
        }, Type.ANY);
        cast(r, "cast_string", Type.STRING, StringValue.class, "string");
        cast(r, "cast_boolean", Type.BOOLEAN, BooleanValue.class, "boolean");
        cast(r, "cast_null", Type.NULL, NullValue.class, "null");
        cast(r, "cast_object", Type.OBJECT_ANY, ObjectValue.class, "object");
    }

    private static int rank(String typeName) {
        return switch (typeName) {
            case "null" -> Value.RANK_NULL;
            case "boolean" -> Value.RANK_BOOLEAN;
            case "number" -> Value.RANK_NUMBER;
            case "string" -> Value.RANK_STRING;
            case "array" -> Value.RANK_ARRAY;
            case "object" -> Value.RANK_OBJECT;
            default -> Value.RANK_SET;
        };
    }

    private static void is(BuiltinRegistry r, String name, Class<? extends Value> c) {
        r.register(name, Type.BOOLEAN, (a, ctx) -> BooleanValue.of(c.isInstance(a[0])), Type.ANY);
    }

    private static void cast(BuiltinRegistry r, String name, Type result, Class<? extends Value> c, String want) {
        r.register(name, result, (a, ctx) -> {
            if (c.isInstance(a[0])) return a[0];
            throw BuiltinException.operand(name, 1, want, a[0]);
        }, Type.ANY);
    }

    private static BuiltinException arrayOrSet(String name, Value v) {
        return BuiltinException.type(name, "operand 1 must be one of {array, set} but got " + v.typeName());
    }

    static Value toNumber(Value v) {
        return switch (v) {
            case NullValue n -> NumberValue.ZERO;
            case BooleanValue b -> b.value() ? NumberValue.ONE : NumberValue.ZERO;
            case NumberValue n -> n;
            case StringValue s -> parseNumber(s.value());
            default -> throw BuiltinException.type("to_number",
                    "operand 1 must be one of {null, boolean, number, string} but got " + v.typeName());
        };
    }

    /** Go's strconv.ParseFloat(s, 64) acceptance, keeping the text when it is a JSON number. */
    private static NumberValue parseNumber(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity") || rest.equals("nan")) {
            throw BuiltinException.type("to_number", "operand 1 must be valid number string but got string");
        }
        if (isJsonNumber(s)) {
            if (Double.isInfinite(Double.parseDouble(s))) throw range(s);
            return NumberValue.parse(s);
        }
        String clean = goFloatSyntax(s);
        if (clean == null) {
            throw BuiltinException.failure("to_number", "strconv.ParseFloat: parsing " + goQuote(s) + ": invalid syntax");
        }
        double d = Double.parseDouble(clean);
        if (Double.isInfinite(d)) throw range(s);
        if (clean.contains("0x") || clean.contains("0X")) return NumberValue.of(new BigDecimal(d));
        return NumberValue.of(new BigDecimal(clean));
    }

    private static BuiltinException range(String s) {
        return BuiltinException.failure("to_number", "strconv.ParseFloat: parsing " + goQuote(s) + ": value out of range");
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder();
        StringFormat.goQuote(sb, s);
        return sb.toString();
    }

    static boolean isJsonNumber(String s) {
        int i = 0, n = s.length();
        if (i < n && s.charAt(i) == '-') i++;
        if (i >= n) return false;
        if (s.charAt(i) == '0') i++;
        else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
        } else return false;
        if (i < n && s.charAt(i) == '.') {
            i++;
            int d = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == d) return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int d = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == d) return false;
        }
        return i == n;
    }

    /**
     * Validates Go float syntax (sign, decimal or 0x hex mantissa with p exponent, underscores
     * between digits) and returns text Java can parse, or null when Go rejects it.
     */
    private static String goFloatSyntax(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) out.append(s.charAt(i++));
        boolean hex = i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X');
        if (hex) {
            out.append("0x");
            i += 2;
        }
        boolean digits = false, dot = false;
        char prev = hex ? '_' : ' ';   // an underscore may follow the base prefix
        for (; i < n; i++) {
            char c = s.charAt(i);
            boolean digit = hex ? Character.digit(c, 16) >= 0 && c < 128 : c >= '0' && c <= '9';
            if (digit) {
                digits = true;
                out.append(c);
            } else if (c == '_') {
                if (!(prev == '_' && hex && out.length() <= 3) && !(prev >= '0' && prev <= '9' || hex && Character.digit(prev, 16) >= 0)) return null;
                if (i + 1 >= n) return null;
            } else if (c == '.' && !dot) {
                dot = true;
                out.append(c);
            } else {
                break;
            }
            prev = c;
        }
        if (!digits) return null;
        if (prev == '_') return null;
        if (i < n) {
            char c = s.charAt(i);
            if (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E')) {
                out.append(hex ? 'p' : 'e');
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) out.append(s.charAt(i++));
                int d = i;
                for (; i < n && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
                    if (s.charAt(i) != '_') out.append(s.charAt(i));
                }
                if (i == d) return null;
            } else {
                return null;
            }
        } else if (hex) {
            return null;   // hex mantissa needs a p exponent
        }
        if (i != n) return null;
        String r = out.toString();
        if (!hex && (r.endsWith(".") || r.startsWith(".") || r.startsWith("+.") || r.startsWith("-."))) {
            // Java's BigDecimal accepts "5." and ".5"; normalise for safety.
            r = r.replace("+.", "+0.").replace("-.", "-0.");
            if (r.startsWith(".")) r = "0" + r;
            if (r.endsWith(".")) r = r + "0";
            r = r.replace(".e", ".0e");
        }
        return r;
    }
}
