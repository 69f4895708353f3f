package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * base64, base64url, hex, urlquery, json and yaml encoding builtins (topdown/encoding.go), with
 * Go's decoders' acceptance rules and error messages where policies can observe them.
 */
public final class EncodingBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("base64.encode", Type.STRING, (a, ctx) -> StringValue.of(java.util.Base64.getEncoder()
                .encodeToString(bytes(str("base64.encode", a[0])))), Type.STRING);
        r.register("base64.decode", Type.STRING, (a, ctx) -> StringValue.of(utf8(
                base64Decode("base64.decode", str("base64.decode", a[0]), false))), Type.STRING);
        r.register("base64.is_valid", Type.BOOLEAN, (a, ctx) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                base64Decode("base64.is_valid", s.value(), false);
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        }, Type.STRING);
        r.register("base64url.encode", Type.STRING, (a, ctx) -> StringValue.of(java.util.Base64.getUrlEncoder()
                .encodeToString(bytes(str("base64url.encode", a[0])))), Type.STRING);
        r.register("base64url.encode_no_pad", Type.STRING, (a, ctx) -> StringValue.of(java.util.Base64.getUrlEncoder()
                .withoutPadding().encodeToString(bytes(str("base64url.encode_no_pad", a[0])))), Type.STRING);
        r.register("base64url.decode", Type.STRING, (a, ctx) -> {
            String s = str("base64url.decode", a[0]);
            if (!s.endsWith("=")) {
                switch (s.length() % 4) {
                    case 0 -> { }
                    case 2 -> s += "==";
                    case 3 -> s += "=";
                    default -> throw BuiltinException.failure("base64url.decode", "illegal base64url string: " + s);
                }
            }
            return StringValue.of(utf8(base64Decode("base64url.decode", s, true)));
        }, Type.STRING);
        r.register("hex.encode", Type.STRING, (a, ctx) -> {
            byte[] b = bytes(str("hex.encode", a[0]));
            StringBuilder sb = new StringBuilder(b.length * 2);
            for (byte x : b) sb.append(HEX[(x >> 4) & 15]).append(HEX[x & 15]);
            return StringValue.of(sb.toString());
        }, Type.STRING);
        r.register("hex.decode", Type.STRING, (a, ctx) -> StringValue.of(utf8(hexDecode(str("hex.decode", a[0])))),
                Type.STRING);
        r.register("urlquery.encode", Type.STRING, (a, ctx) -> StringValue.of(queryEscape(str("urlquery.encode", a[0]))),
                Type.STRING);
        r.register("urlquery.decode", Type.STRING, (a, ctx) ->
                StringValue.of(queryUnescape("urlquery.decode", str("urlquery.decode", a[0]))), Type.STRING);
        r.register("urlquery.encode_object", Type.STRING, (a, ctx) -> encodeObject(a[0]),
                Type.objectOf(Type.STRING, Type.anyOf(Type.STRING, Type.arrayOf(Type.STRING), Type.setOf(Type.STRING))));
        r.register("urlquery.decode_object", Type.objectOf(Type.STRING, Type.arrayOf(Type.STRING)),
                (a, ctx) -> decodeObject(str("urlquery.decode_object", a[0])), Type.STRING);
        r.register("json.marshal", Type.STRING, (a, ctx) -> StringValue.of(Json.write(a[0])), Type.ANY);
        r.register("json.marshal_with_options", Type.STRING, (a, ctx) -> marshalWithOptions(a[0], a[1]),
                Type.ANY, Type.objectOf(Type.STRING, Type.ANY));
        r.register("json.unmarshal", Type.ANY, (a, ctx) -> {
            String s = str("json.unmarshal", a[0]);
            try {
                return Json.parse(s);
            } catch (Json.JsonException e) {
                throw BuiltinException.failure("json.unmarshal", e.getMessage());
            }
        }, Type.STRING);
        r.register("json.is_valid", Type.BOOLEAN, (a, ctx) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                Json.parse(s.value());
                return BooleanValue.TRUE;
            } catch (Json.JsonException e) {
                return BooleanValue.FALSE;
            }
        }, Type.STRING);
        r.register("yaml.marshal", Type.STRING, (a, ctx) -> StringValue.of(EncodingYaml.marshal(a[0])), Type.ANY);
        r.register("yaml.unmarshal", Type.ANY, (a, ctx) -> yamlParse(str("yaml.unmarshal", a[0])), Type.STRING);
        r.register("yaml.is_valid", Type.BOOLEAN, (a, ctx) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                yamlParse(s.value());
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        }, Type.STRING);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String str(String builtin, Value v) {
        return StringBuiltins.str(builtin, v, 1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Decoded bytes as a Go string would print: invalid UTF-8 becomes U+FFFD. */
    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    // ---- base64 (Go's encoding/base64, padded, not strict; \r and \n are skipped) ----------

    private static final byte[] STD = new byte[256], URL = new byte[256];
    static {
        java.util.Arrays.fill(STD, (byte) -1);
        java.util.Arrays.fill(URL, (byte) -1);
        String std = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String url = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < 64; i++) {
            STD[std.charAt(i)] = (byte) i;
            URL[url.charAt(i)] = (byte) i;
        }
    }

    static byte[] base64Decode(String builtin, String s, boolean url) {
        byte[] src = bytes(s);
        byte[] map = url ? URL : STD;
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
        int si = 0;
        while (si < src.length) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean trailing = false;
            int j = 0;
            for (; j < 4; j++) {
                if (si == src.length) {
                    if (j == 0) return out.toByteArray();
                    throw corrupt(builtin, si - j);
                }
                int in = src[si] & 0xff;
                si++;
                int o = map[in];
                if (o >= 0) {
                    dbuf[j] = o;
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                if (in != '=') throw corrupt(builtin, si - 1);
                if (j == 0 || j == 1) throw corrupt(builtin, si - 1);
                if (j == 2) {
                    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) si++;
                    if (si == src.length) throw corrupt(builtin, src.length);
                    if (src[si] != '=') throw corrupt(builtin, si - 1);
                    si++;
                }
                while (si < src.length && (src[si] == '\n' || src[si] == '\r')) si++;
                if (si < src.length) trailing = true;
                dlen = j;
                break;
            }
            int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            if (dlen >= 2) out.write((val >> 16) & 0xff);
            if (dlen >= 3) out.write((val >> 8) & 0xff);
            if (dlen >= 4) out.write(val & 0xff);
            if (trailing) throw corrupt(builtin, si);
        }
        return out.toByteArray();
    }

    private static BuiltinException corrupt(String builtin, int at) {
        return BuiltinException.failure(builtin, "illegal base64 data at input byte " + at);
    }

    // ---- hex --------------------------------------------------------------------------------

    private static byte[] hexDecode(String s) {
        byte[] src = bytes(s);
        int i = 0;
        byte[] out = new byte[src.length / 2];
        for (; i + 1 < src.length; i += 2) {
            int hi = Character.digit(src[i] & 0xff, 16), lo = Character.digit(src[i + 1] & 0xff, 16);
            if (hi < 0 || (src[i] & 0xff) >= 0x80) throw invalidHex(src[i]);
            if (lo < 0 || (src[i + 1] & 0xff) >= 0x80) throw invalidHex(src[i + 1]);
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        if (src.length % 2 == 1) {
            if (Character.digit(src[i] & 0xff, 16) < 0) throw invalidHex(src[i]);
            throw BuiltinException.failure("hex.decode", "encoding/hex: odd length hex string");
        }
        return out;
    }

    private static BuiltinException invalidHex(byte b) {
        int c = b & 0xff;
        StringBuilder q = new StringBuilder("'");
        StringFormat.quoteRune(q, c, '\'');
        q.append('\'');
        return BuiltinException.failure("hex.decode", String.format("encoding/hex: invalid byte: U+%04X %s", c, q));
    }

    // ---- urlquery ---------------------------------------------------------------------------

    static String queryEscape(String s) {
        byte[] b = bytes(s);
        StringBuilder sb = new StringBuilder(b.length);
        for (byte x : b) {
            int c = x & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(Character.toUpperCase(HEX[c >> 4])).append(Character.toUpperCase(HEX[c & 15]));
            }
        }
        return sb.toString();
    }

    static String queryUnescape(String builtin, String s) {
        byte[] b = bytes(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= b.length || Character.digit(b[i + 1], 16) < 0 || Character.digit(b[i + 2], 16) < 0) {
                    String bad = s.substring(Math.min(i, s.length()));
                    bad = new String(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + 3)), StandardCharsets.UTF_8);
                    throw BuiltinException.failure(builtin, "invalid URL escape " + goQuote(bad));
                }
                out.write(Character.digit(b[i + 1], 16) << 4 | Character.digit(b[i + 2], 16));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return utf8(out.toByteArray());
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder();
        StringFormat.goQuote(sb, s);
        return sb.toString();
    }

    private static Value encodeObject(Value v) {
        ObjectValue o = ObjectBuiltins.object("urlquery.encode_object", v, 1);
        TreeMap<String, List<String>> query = new TreeMap<>();
        for (int i = 0; i < o.size(); i++) {
            String k = o.keyAt(i) instanceof StringValue s ? s.value() : Json.write(o.keyAt(i));
            Value val = o.valueAt(i);
            List<String> vals = new ArrayList<>();
            if (val instanceof StringValue s) {
                vals.add(s.value());
            } else if (val instanceof ArrayValue || val instanceof SetValue) {
                List<Value> items = val instanceof ArrayValue a ? a.asList() : ((SetValue) val).asList();
                for (Value x : items) {
                    if (!(x instanceof StringValue s)) throw encodeObjectError();
                    vals.add(s.value());
                }
            } else {
                throw encodeObjectError();
            }
            query.put(k, vals);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String k = queryEscape(e.getKey());
            for (String x : e.getValue()) {
                if (!sb.isEmpty()) sb.append('&');
                sb.append(k).append('=').append(queryEscape(x));
            }
        }
        return StringValue.of(sb.toString());
    }

    private static BuiltinException encodeObjectError() {
        return BuiltinException.type("urlquery.encode_object", "operand 1 values must be string, array[string], or set[string]");
    }

    private static Value decodeObject(String query) {
        TreeMap<String, List<Value>> m = new TreeMap<>();
        BuiltinException first = null;
        for (String part : query.split("&", -1)) {
            if (part.isEmpty()) continue;
            if (part.indexOf(';') >= 0) {
                if (first == null) first = BuiltinException.failure("urlquery.decode_object", "invalid semicolon separator in query");
                continue;
            }
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq), v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                k = queryUnescape("urlquery.decode_object", k);
                v = queryUnescape("urlquery.decode_object", v);
            } catch (BuiltinException e) {
                if (first == null) first = e;
                continue;
            }
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
        }
        if (first != null) throw first;
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(StringValue.of(k), ArrayValue.of(v)));
        return b.build();
    }

    // ---- json.marshal_with_options ------------------------------------------------------------

    private static Value marshalWithOptions(Value v, Value opts) {
        ObjectValue o = ObjectBuiltins.object("json.marshal_with_options", opts, 2);
        String indent = "\t", prefix = "";
        boolean implicitPretty = false, explicitDeclared = false, pretty = false;
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i), val = o.valueAt(i);
            if (!(k instanceof StringValue ks)) {
                throw BuiltinException.type("json.marshal_with_options", "operand 2 failed to stringify key " + k.toRego()
                        + " at index " + i + ": operand " + i + " must be string but got " + k.typeName());
            }
            switch (ks.value()) {
                case "prefix", "indent" -> {
                    if (!(val instanceof StringValue vs)) {
                        throw BuiltinException.type("json.marshal_with_options", "operand 2 key " + goQuote(ks.value())
                                + " failed cast to string: operand " + i + " must be string but got " + val.typeName());
                    }
                    if (ks.value().equals("prefix")) prefix = vs.value();
                    else indent = vs.value();
                    implicitPretty = true;
                }
                case "pretty" -> {
                    explicitDeclared = true;
                    if (!(val instanceof BooleanValue bv)) {
                        throw BuiltinException.type("json.marshal_with_options", "operand 2 key \"pretty\" failed cast to bool");
                    }
                    pretty = bv.value();
                }
                default -> throw BuiltinException.type("json.marshal_with_options",
                        "operand 2 object contained unknown key " + goQuote(ks.value()));
            }
        }
        if (!explicitDeclared) pretty = implicitPretty;
        if (!pretty) return StringValue.of(Json.write(v));
        StringBuilder sb = new StringBuilder(prefix);
        indentJson(sb, v, prefix, indent, 0);
        return StringValue.of(sb.toString());
    }

    /** Go's json.MarshalIndent layout. */
    private static void indentJson(StringBuilder sb, Value v, String prefix, String indent, int depth) {
        switch (v) {
            case ArrayValue a -> list(sb, a.asList(), prefix, indent, depth);
            case SetValue s -> list(sb, s.asList(), prefix, indent, depth);
            case ObjectValue o -> {
                if (o.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                // Same key order and collision rules as compact output: reuse it per entry.
                Value parsed = Json.parse(Json.write(o));
                ObjectValue po = (ObjectValue) parsed;
                sb.append('{');
                for (int i = 0; i < po.size(); i++) {
                    if (i > 0) sb.append(',');
                    newline(sb, prefix, indent, depth + 1);
                    Json.quote(sb, ((StringValue) po.keyAt(i)).value());
                    sb.append(": ");
                    Value orig = o.get(po.keyAt(i));
                    indentJson(sb, orig != null ? orig : po.valueAt(i), prefix, indent, depth + 1);
                }
                newline(sb, prefix, indent, depth);
                sb.append('}');
            }
            default -> Json.write(sb, v);
        }
    }

    private static void list(StringBuilder sb, List<Value> items, String prefix, String indent, int depth) {
        if (items.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(',');
            newline(sb, prefix, indent, depth + 1);
            indentJson(sb, items.get(i), prefix, indent, depth + 1);
        }
        newline(sb, prefix, indent, depth);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
        sb.append('\n').append(prefix);
        for (int i = 0; i < depth; i++) sb.append(indent);
    }

    // ---- yaml ---------------------------------------------------------------------------------

    static Value yamlParse(String s) {
        return EncodingYamlReader.parse(s);
    }

    /** encoding/json's float64 text: %f-style unless the exponent is < -6 or >= 21. */
    static NumberValue goJsonFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw BuiltinException.failure("yaml.unmarshal", "json: unsupported value: " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e21) return NumberValue.of(new BigDecimal(d).toBigInteger());
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String t = StringSprintf.formatFloat(d, 'e', -1);
            // Go trims "e-07" to "e-7".
            t = t.replaceFirst("e([-+])0(\\d)$", "e$1$2");
            return NumberValue.parse(t);
        }
        return NumberValue.of(new BigDecimal(Double.toString(d)));
    }
}
