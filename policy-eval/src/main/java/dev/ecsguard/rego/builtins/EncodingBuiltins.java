package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.ecsguard.rego.builtins.RegexBuiltins.str;

/**
 * base64, base64url, hex, urlquery, json and yaml encoding builtins (OPA's topdown/encoding.go)
 * with Go's semantics where a policy can observe them: encoding/base64's decoder (padding
 * required, CR/LF skipped, "illegal base64 data at input byte N"), encoding/hex's errors,
 * net/url's QueryEscape/QueryUnescape/ParseQuery, encoding/json's marshalling, MarshalIndent and
 * decoder messages ({@link EncodingGoJson}), and sigs.k8s.io/yaml over go-yaml v2
 * ({@link EncodingYaml}, {@link EncodingYamlReader}). Decoded bytes that are not UTF-8 become
 * U+FFFD per byte, as Go prints them.
 */
public final class EncodingBuiltins implements BuiltinNamespace {
    @Override
    public void register(BuiltinRegistry r) {
        r.register("base64.encode", Type.STRING, (a, ctx) -> StringValue.of(java.util.Base64.getEncoder()
                .encodeToString(EncodingText.utf8(str("base64.encode", a, 0)))), Type.STRING);
        r.register("base64.decode", Type.STRING, (a, ctx) -> StringValue.of(EncodingText.goString(
                base64Decode("base64.decode", str("base64.decode", a, 0), false))), Type.STRING);
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
                .encodeToString(EncodingText.utf8(str("base64url.encode", a, 0)))), Type.STRING);
        r.register("base64url.encode_no_pad", Type.STRING, (a, ctx) -> StringValue.of(java.util.Base64.getUrlEncoder()
                .withoutPadding().encodeToString(EncodingText.utf8(str("base64url.encode_no_pad", a, 0)))), Type.STRING);
        r.register("base64url.decode", Type.STRING, EncodingBuiltins::base64UrlDecode, Type.STRING);
        r.register("hex.encode", Type.STRING, (a, ctx) -> {
            byte[] b = EncodingText.utf8(str("hex.encode", a, 0));
            StringBuilder sb = new StringBuilder(b.length * 2);
            for (byte x : b) sb.append(HEX[(x >> 4) & 15]).append(HEX[x & 15]);
            return StringValue.of(sb.toString());
        }, Type.STRING);
        r.register("hex.decode", Type.STRING, (a, ctx) -> StringValue.of(EncodingText.goString(
                hexDecode(str("hex.decode", a, 0)))), Type.STRING);
        r.register("urlquery.encode", Type.STRING, (a, ctx) -> StringValue.of(queryEscape(str("urlquery.encode", a, 0))),
                Type.STRING);
        r.register("urlquery.decode", Type.STRING, (a, ctx) ->
                StringValue.of(queryUnescape("urlquery.decode", str("urlquery.decode", a, 0))), Type.STRING);
        r.register("urlquery.encode_object", Type.STRING, (a, ctx) -> encodeObject(a[0]),
                Type.objectOf(Type.STRING, Type.anyOf(Type.STRING, Type.arrayOf(Type.STRING), Type.setOf(Type.STRING))));
        r.register("urlquery.decode_object", Type.objectOf(Type.STRING, Type.arrayOf(Type.STRING)),
                (a, ctx) -> decodeObject(str("urlquery.decode_object", a, 0)), Type.STRING);
        r.register("json.marshal", Type.STRING, (a, ctx) -> StringValue.of(marshal(a[0], ctx)), Type.ANY);
        // OPA declares {"pretty": boolean, "indent": string, "prefix": string} plus any string key.
        r.register("json.marshal_with_options", Type.STRING, (a, ctx) -> marshalWithOptions(a[0], a[1], ctx),
                Type.ANY, Type.object(Map.of("pretty", Type.BOOLEAN, "indent", Type.STRING, "prefix", Type.STRING),
                        Type.STRING, Type.ANY));
        r.register("json.unmarshal", Type.ANY, (a, ctx) -> {
            String s = str("json.unmarshal", a, 0);
            try {
                return EncodingGoJson.unmarshal(s);
            } catch (EncodingGoJson.JsonError e) {
                throw BuiltinException.failure("json.unmarshal", e.getMessage());
            }
        }, Type.STRING);
        r.register("json.is_valid", Type.BOOLEAN, (a, ctx) ->
                BooleanValue.of(a[0] instanceof StringValue s && EncodingGoJson.valid(s.value())), Type.STRING);
        r.register("yaml.marshal", Type.STRING, (a, ctx) -> {
            try {
                WorkLimits.checkString(ctx, a[0].weight());
                return StringValue.of(EncodingYaml.marshal(a[0]));
            } catch (EncodingYamlResolve.YamlError e) {
                throw BuiltinException.failure("yaml.marshal", "yaml: " + e.getMessage());
            } catch (StackOverflowError e) {
                throw tooDeep("yaml.marshal");
            }
        }, Type.ANY);
        r.register("yaml.unmarshal", Type.ANY, (a, ctx) -> yamlUnmarshal(str("yaml.unmarshal", a, 0)), Type.STRING);
        r.register("yaml.is_valid", Type.BOOLEAN, (a, ctx) -> {
            if (!(a[0] instanceof StringValue s)) return BooleanValue.FALSE;
            try {
                yamlUnmarshal(s.value());
                return BooleanValue.TRUE;
            } catch (BuiltinException e) {
                return BooleanValue.FALSE;
            }
        }, Type.STRING);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    // ---- base64 (Go's encoding/base64: padded, not strict; \r and \n are skipped) -------------

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

    /** Go's Encoding.DecodeString (StdEncoding or URLEncoding), quantum by quantum as decodeQuantum. */
    static byte[] base64Decode(String builtin, String s, boolean url) {
        byte[] src = EncodingText.utf8(s);
        byte[] map = url ? URL : STD;
        ByteArrayOutputStream out = new ByteArrayOutputStream(src.length * 3 / 4);
        int si = 0;
        while (si < src.length) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean trailing = false;
            for (int j = 0; j < 4; j++) {
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
                if (in != '=' || j < 2) throw corrupt(builtin, si - 1);
                if (j == 2) {
                    // "==" is expected; skip newlines before the second '='.
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

    /** OPA pads unpadded input (RFC 7515 appendix C) before URLEncoding.DecodeString. */
    private static Value base64UrlDecode(Value[] a, BuiltinContext ctx) {
        String name = "base64url.decode";
        String s = str(name, a, 0);
        if (!s.endsWith("=")) {
            switch (EncodingText.utf8(s).length % 4) {
                case 0 -> { }
                case 2 -> s += "==";
                case 3 -> s += "=";
                default -> throw BuiltinException.failure(name, "illegal base64url string: " + s);
            }
        }
        return StringValue.of(EncodingText.goString(base64Decode(name, s, true)));
    }

    // ---- hex (encoding/hex.DecodeString) ------------------------------------------------------

    private static int unhex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private static byte[] hexDecode(String s) {
        byte[] src = EncodingText.utf8(s);
        byte[] out = new byte[src.length / 2];
        int j = 1;
        for (; j < src.length; j += 2) {
            int p = src[j - 1] & 0xff, q = src[j] & 0xff;
            if (unhex(p) < 0) throw invalidHex(p);
            if (unhex(q) < 0) throw invalidHex(q);
            out[j / 2] = (byte) (unhex(p) << 4 | unhex(q));
        }
        if (src.length % 2 == 1) {
            if (unhex(src[j - 1] & 0xff) < 0) throw invalidHex(src[j - 1] & 0xff);
            throw BuiltinException.failure("hex.decode", "encoding/hex: odd length hex string");
        }
        return out;
    }

    /** InvalidByteError: fmt's %#U of the byte as a rune ("U+0067 'g'", or "U+0000" when not printable). */
    private static BuiltinException invalidHex(int c) {
        String u = String.format("U+%04X", c);
        if (StringFormat.isPrint(c)) u += " '" + (char) c + "'";
        return BuiltinException.failure("hex.decode", "encoding/hex: invalid byte: " + u);
    }

    // ---- urlquery (net/url) ----------------------------------------------------------------

    static String queryEscape(String s) {
        byte[] b = EncodingText.utf8(s);
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

    /** url.QueryUnescape; an invalid escape fails with its first three bytes quoted. */
    static String queryUnescape(String builtin, String s) {
        byte[] b = EncodingText.utf8(s);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            if (c == '%') {
                if (i + 2 >= b.length || unhex(b[i + 1] & 0xff) < 0 || unhex(b[i + 2] & 0xff) < 0) {
                    byte[] bad = java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + 3));
                    throw BuiltinException.failure(builtin, "invalid URL escape " + goQuoteBytes(bad));
                }
                out.write(unhex(b[i + 1] & 0xff) << 4 | unhex(b[i + 2] & 0xff));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else {
                out.write(c);
            }
        }
        return EncodingText.goString(out.toByteArray());
    }

    /** strconv.Quote of bytes that may not be UTF-8 (invalid bytes as \\xNN). */
    private static String goQuoteBytes(byte[] b) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < b.length; ) {
            int r = EncodingText.decodeRune(b, i);
            if (r < 0) {
                sb.append("\\x").append(HEX[(b[i] >> 4) & 15]).append(HEX[b[i] & 15]);
                i++;
            } else {
                StringFormat.quoteRune(sb, r, '"');
                i += EncodingText.width(r);
            }
        }
        return sb.append('"').toString();
    }

    private static Value encodeObject(Value v) {
        ObjectValue o = ObjectBuiltins.object("urlquery.encode_object", v, 1);
        TreeMap<String, List<String>> query = new TreeMap<>(StringValue::compareCodePoints);
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
            if (!vals.isEmpty()) query.put(k, vals);
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

    /** url.ParseQuery: a semicolon error replaces any earlier one, an escape error only the absence of one. */
    private static Value decodeObject(String query) {
        String name = "urlquery.decode_object";
        TreeMap<String, List<Value>> m = new TreeMap<>();
        BuiltinException err = null;
        for (String part : query.split("&", -1)) {
            if (part.indexOf(';') >= 0) {
                err = BuiltinException.failure(name, "invalid semicolon separator in query");
                continue;
            }
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            String k = eq < 0 ? part : part.substring(0, eq), v = eq < 0 ? "" : part.substring(eq + 1);
            try {
                k = queryUnescape(name, k);
                v = queryUnescape(name, v);
            } catch (BuiltinException e) {
                if (err == null) err = e;
                continue;
            }
            m.computeIfAbsent(k, x -> new ArrayList<>()).add(StringValue.of(v));
        }
        if (err != null) throw err;
        ObjectValue.Builder b = ObjectValue.builder();
        m.forEach((k, v) -> b.put(StringValue.of(k), ArrayValue.of(v)));
        return b.build();
    }

    // ---- json.marshal / json.marshal_with_options ---------------------------------------------

    /** Go's json.Marshal of OPA's JSON conversion, which is exactly {@link Json#write}. */
    static String marshal(Value v) {
        return Json.write(v);
    }

    /**
     * {@link #marshal}, refused before writing when the text would be over the string limit: each
     * unit of weight (a value, a character) is at least one character of JSON, and a value that
     * shares its parts (x := [y, y]; y := [z, z] ...) weighs what its text would.
     */
    static String marshal(Value v, BuiltinContext ctx) {
        WorkLimits.checkString(ctx, v.weight());
        return Json.write(v);
    }

    private static Value marshalWithOptions(Value v, Value opts, BuiltinContext ctx) {
        String name = "json.marshal_with_options";
        ObjectValue o = ObjectBuiltins.object(name, opts, 2);
        String indent = "\t", prefix = "";
        boolean implicitPretty = false, explicitDeclared = false, pretty = false;
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i), val = o.valueAt(i);
            if (!(k instanceof StringValue ks)) {
                throw BuiltinException.type(name, "operand 2 failed to stringify key " + k.toRego()
                        + " at index " + i + ": operand " + i + " must be string but got " + k.typeName());
            }
            switch (ks.value()) {
                case "prefix", "indent" -> {
                    if (!(val instanceof StringValue vs)) {
                        throw BuiltinException.type(name, "operand 2 key " + goQuote(ks.value())
                                + " failed cast to string: operand " + i + " must be string but got " + val.typeName());
                    }
                    if (ks.value().equals("prefix")) prefix = vs.value();
                    else indent = vs.value();
                    implicitPretty = true;
                }
                case "pretty" -> {
                    explicitDeclared = true;
                    if (!(val instanceof BooleanValue bv)) {
                        throw BuiltinException.type(name, "operand 2 key \"pretty\" failed cast to bool");
                    }
                    pretty = bv.value();
                }
                default -> throw BuiltinException.type(name, "operand 2 object contained unknown key " + goQuote(ks.value()));
            }
        }
        if (!explicitDeclared) pretty = implicitPretty;
        String compact = marshal(v, ctx);
        if (!pretty) return StringValue.of(compact);
        return StringValue.of(prefix + indent(compact, prefix, indent, ctx));
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder();
        StringFormat.goQuote(sb, s);
        return sb.toString();
    }

    /** encoding/json's Indent over compact JSON: empty {} and [] stay on one line. */
    static String indent(String src, String prefix, String indent, BuiltinContext ctx) {
        StringBuilder dst = new StringBuilder(src.length() * 2);
        boolean needIndent = false, inString = false, escaped = false;
        int depth = 0;
        for (int i = 0; i < src.length(); i++) {
            char c = src.charAt(i);
            if (inString) {
                dst.append(c);
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            if (needIndent && c != '}' && c != ']') {
                needIndent = false;
                depth++;
                newline(dst, prefix, indent, depth);
                WorkLimits.checkGrowth(ctx, dst);
            }
            switch (c) {
                case '"' -> {
                    inString = true;
                    dst.append(c);
                }
                case '{', '[' -> {
                    needIndent = true;
                    dst.append(c);
                }
                case ',' -> {
                    dst.append(c);
                    newline(dst, prefix, indent, depth);
                    WorkLimits.checkGrowth(ctx, dst);   // every line repeats the indent depth times
                }
                case ':' -> dst.append(": ");
                case '}', ']' -> {
                    if (needIndent) {
                        needIndent = false;
                    } else {
                        depth--;
                        newline(dst, prefix, indent, depth);
                    }
                    dst.append(c);
                }
                default -> dst.append(c);
            }
        }
        return dst.toString();
    }

    private static void newline(StringBuilder sb, String prefix, String indent, int depth) {
        sb.append('\n').append(prefix);
        for (int i = 0; i < depth; i++) sb.append(indent);
    }

    // ---- yaml ---------------------------------------------------------------------------------

    private static Value yamlUnmarshal(String s) {
        try {
            return EncodingYamlReader.parse(s);
        } catch (EncodingYamlResolve.YamlError e) {
            throw BuiltinException.failure("yaml.unmarshal", "yaml: " + e.getMessage());
        } catch (EncodingYamlReader.ConversionError e) {
            throw BuiltinException.failure("yaml.unmarshal", e.getMessage());
        } catch (StackOverflowError e) {
            throw tooDeep("yaml.unmarshal");
        }
    }

    /**
     * The YAML reader and writer recurse once or twice per nesting level; go-yaml bounds nesting
     * at 10000 levels, which a small thread stack may not hold (aliases can also nest deeper).
     */
    private static BuiltinException tooDeep(String builtin) {
        return BuiltinException.failure(builtin, "yaml: nesting too deep for this thread's stack");
    }
}
