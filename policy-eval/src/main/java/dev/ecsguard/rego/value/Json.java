package dev.ecsguard.rego.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * JSON in and out. Parsing streams tokens straight into {@link Value}s (no intermediate tree);
 * writing follows Go's encoding/json as OPA prints results: sets become sorted arrays, object
 * keys are strings sorted as strings, and {@code <>&} are escaped.
 */
public final class Json {
    /** Nesting beyond this is rejected rather than risking a stack overflow. */
    public static final int MAX_DEPTH = 512;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    private Json() {}

    /** Thrown for malformed JSON; the message says where. */
    public static final class JsonException extends RuntimeException {
        public JsonException(String message, Throwable cause) { super(message, cause); }
    }

    public static Value parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Value parse(byte[] json) {
        return parse(json, 0, json.length);
    }

    public static Value parse(byte[] json, int offset, int length) {
        // Tolerate a UTF-8 byte-order mark, as files written on Windows carry one.
        if (length >= 3 && (json[offset] & 0xff) == 0xEF && (json[offset + 1] & 0xff) == 0xBB
                && (json[offset + 2] & 0xff) == 0xBF) {
            offset += 3;
            length -= 3;
        }
        try (JsonParser p = FACTORY.createParser(json, offset, length)) {
            return parseDocument(p);
        } catch (IOException e) {
            throw new JsonException("invalid JSON: " + message(e) + location(e), e);
        }
    }

    public static Value parse(InputStream in) {
        try {
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String message(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    private static String location(IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null) {
            return " at line " + jpe.getLocation().getLineNr() + " column " + jpe.getLocation().getColumnNr();
        }
        return "";
    }

    private static Value parseDocument(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) throw new com.fasterxml.jackson.core.JsonParseException(p, "empty document");
        Value v = read(p, t);
        if (p.nextToken() != null) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "trailing content after JSON value");
        }
        return v;
    }

    private static Value read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT -> {
                // Duplicate keys: the last one wins, as in Go's encoding/json.
                ObjectValue.Builder b = ObjectValue.builder();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    Value key = StringValue.of(wellFormed(name));
                    b.put(key, read(p, p.nextToken()));
                }
                return b.build();
            }
            case START_ARRAY -> {
                ArrayList<Value> items = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) items.add(read(p, n));
                return ArrayValue.wrap(items.toArray(new Value[0]));
            }
            case VALUE_STRING -> { return StringValue.of(wellFormed(p.getText())); }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                try {
                    return NumberValue.parse(p.getText());
                } catch (NumberFormatException e) {
                    // An exponent beyond an int (1e2333333333): no BigDecimal holds it (found by EngineFuzzTest).
                    String text = p.getText();
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "number out of range: "
                            + (text.length() > 40 ? text.substring(0, 40) + "..." : text));
                }
            }
            case VALUE_TRUE -> { return BooleanValue.TRUE; }
            case VALUE_FALSE -> { return BooleanValue.FALSE; }
            case VALUE_NULL -> { return NullValue.INSTANCE; }
            default -> throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
        }
    }

    /** Converts a Jackson tree (e.g. read from YAML) into a value. */
    public static Value fromNode(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return NullValue.INSTANCE;
        if (n.isBoolean()) return BooleanValue.of(n.booleanValue());
        if (n.isIntegralNumber()) return NumberValue.of(n.bigIntegerValue());
        if (n.isNumber()) return NumberValue.parse(n.asText());
        if (n.isTextual()) return StringValue.of(n.textValue());
        if (n.isArray()) {
            Value[] a = new Value[n.size()];
            for (int i = 0; i < a.length; i++) a[i] = fromNode(n.get(i));
            return ArrayValue.wrap(a);
        }
        if (n.isObject()) {
            ObjectValue.Builder b = ObjectValue.builder();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                b.put(StringValue.of(e.getKey()), fromNode(e.getValue()));
            }
            return b.build();
        }
        return StringValue.of(n.asText());
    }

    /**
     * s with every unpaired surrogate (from a {@code \\ud800} escape) replaced by U+FFFD, as Go's
     * decoder does, so that hashes, marshalling and string builtins see what OPA sees.
     */
    static String wellFormed(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!Character.isSurrogate(c)) i++;
            else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) i += 2;
            else break;
        }
        if (i == n) return s;
        StringBuilder sb = new StringBuilder(n).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Compact JSON, as OPA's JSON output prints the value. */
    public static String write(Value v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v);
        return sb.toString();
    }

    public static void write(StringBuilder sb, Value v) {
        switch (v) {
            case NullValue n -> sb.append("null");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> quote(sb, s.value());
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(sb, a.get(i));
                }
                sb.append(']');
            }
            case SetValue s -> {
                sb.append('[');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) sb.append(',');
                    write(sb, s.get(i));
                }
                sb.append(']');
            }
            case ObjectValue o -> writeObject(sb, o);
        }
    }

    private static void writeObject(StringBuilder sb, ObjectValue o) {
        int n = o.size();
        boolean allStrings = true;
        for (int i = 0; i < n && allStrings; i++) allStrings = o.keyAt(i) instanceof StringValue;
        sb.append('{');
        if (allStrings) {
            for (int i = 0; i < n; i++) {
                if (i > 0) sb.append(',');
                quote(sb, ((StringValue) o.keyAt(i)).value());
                sb.append(':');
                write(sb, o.valueAt(i));
            }
        } else {
            // Non-string keys print as their JSON text; keys are then sorted as strings and a
            // later key (in value order) with the same text wins, as in Go's map marshalling.
            String[] names = new String[n];
            for (int i = 0; i < n; i++) names[i] = keyText(o.keyAt(i));
            Integer[] idx = new Integer[n];
            for (int i = 0; i < n; i++) idx[i] = i;
            Arrays.sort(idx, (a, b) -> {
                int c = StringValue.compareCodePoints(names[a], names[b]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            boolean first = true;
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                if (k + 1 < n && names[idx[k + 1]].equals(names[i])) continue;
                if (!first) sb.append(',');
                first = false;
                quote(sb, names[i]);
                sb.append(':');
                write(sb, o.valueAt(i));
            }
        }
        sb.append('}');
    }

    private static String keyText(Value k) {
        return k instanceof StringValue s ? s.value() : write(k);
    }

    /** JSON string quoting as Go's encoding/json does (HTML-safe). */
    public static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int from = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != '\u2028' && c != '\u2029') {
                continue;
            }
            sb.append(s, from, i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(String.format("\\u%04x", (int) c));
            }
            from = i + 1;
        }
        sb.append(s, from, n);
        sb.append('"');
    }

    /** Converts plain Java objects (as SnakeYAML or a JSON library build them) to a value. */
    public static Value fromJava(Object o) {
        if (o == null) return NullValue.INSTANCE;
        if (o instanceof Value v) return v;
        if (o instanceof Boolean b) return BooleanValue.of(b);
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) return NumberValue.of(((Number) o).longValue());
        if (o instanceof java.math.BigInteger bi) return NumberValue.of(bi);
        if (o instanceof java.math.BigDecimal bd) return NumberValue.of(bd);
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) return StringValue.of(String.valueOf(o));
            return NumberValue.of(new java.math.BigDecimal(o.toString()));
        }
        if (o instanceof CharSequence s) return StringValue.of(s.toString());
        if (o instanceof java.util.List<?> l) {
            Value[] a = new Value[l.size()];
            for (int i = 0; i < a.length; i++) a[i] = fromJava(l.get(i));
            return ArrayValue.wrap(a);
        }
        if (o instanceof java.util.Set<?> set) {
            Value[] a = new Value[set.size()];
            int i = 0;
            for (Object x : set) a[i++] = fromJava(x);
            return SetValue.fromUnsorted(a);
        }
        if (o instanceof Map<?, ?> m) {
            ObjectValue.Builder b = ObjectValue.builder();
            for (Map.Entry<?, ?> e : m.entrySet()) b.put(StringValue.of(String.valueOf(e.getKey())), fromJava(e.getValue()));
            return b.build();
        }
        if (o instanceof java.util.Date d) return StringValue.of(d.toInstant().toString());
        if (o instanceof byte[] bytes) return StringValue.of(java.util.Base64.getEncoder().encodeToString(bytes));
        return StringValue.of(String.valueOf(o));
    }

    /** Converts a value to plain Java objects (Map/List/String/BigDecimal/Boolean/null) for callers outside the engine. */
    public static Object toJava(Value v) {
        return switch (v) {
            case NullValue n -> null;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.isLong() ? (Object) n.longValue() : n.bigDecimal();
            case StringValue s -> s.value();
            case ArrayValue a -> {
                ArrayList<Object> l = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) l.add(toJava(a.get(i)));
                yield l;
            }
            case SetValue s -> {
                ArrayList<Object> l = new ArrayList<>(s.size());
                for (int i = 0; i < s.size(); i++) l.add(toJava(s.get(i)));
                yield l;
            }
            case ObjectValue o -> {
                java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
                for (int i = 0; i < o.size(); i++) m.put(keyText(o.keyAt(i)), toJava(o.valueAt(i)));
                yield m;
            }
        };
    }
}
