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

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * yaml.marshal as OPA computes it: the value is written as JSON, sigs.k8s.io/yaml reads that
 * JSON back with go-yaml v2 (numbers become int, uint64 or float64; a raw U+0085 inside a
 * double-quoted JSON string is a YAML line break and folds; raw C1 controls, U+FFFE and U+FFFF
 * are rejected by the reader) and go-yaml v2 marshals the result. The emitter below is a port of
 * the parts of go-yaml v2's emitterc.go that such documents reach: block mappings with keys in
 * go-yaml's natural order, block sequences (indentless under a mapping key), {} and [] for empty
 * collections, and the plain / single-quoted / double-quoted / literal scalar writers with their
 * 80-column folding.
 */
final class EncodingYaml {
    private EncodingYaml() {}

    static String marshal(Value v) {
        Model m = new Model();
        m.checkControls(v);
        Object doc = m.convert(v);
        Emitter e = new Emitter();
        e.node(doc, true, false, false, false);
        e.writeIndent();
        return e.out.toString();
    }

    /**
     * An object's members as OPA's JSON conversion writes them: keys as strings (a non-string
     * key as its JSON text), sorted, the last of equal texts winning.
     */
    private static List<Map.Entry<String, Value>> members(ObjectValue o) {
        List<Map.Entry<String, Value>> out = new ArrayList<>(o.size());
        boolean allStrings = true;
        for (int i = 0; i < o.size() && allStrings; i++) allStrings = o.keyAt(i) instanceof StringValue;
        for (int i = 0; i < o.size(); i++) {
            Value k = o.keyAt(i);
            out.add(Map.entry(k instanceof StringValue s ? s.value() : Json.write(k), o.valueAt(i)));
        }
        if (allStrings) return out;
        List<Map.Entry<String, Value>> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> StringValue.compareCodePoints(a.getKey(), b.getKey()));   // stable
        List<Map.Entry<String, Value>> dedup = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            if (i + 1 < sorted.size() && sorted.get(i + 1).getKey().equals(sorted.get(i).getKey())) continue;
            dedup.add(sorted.get(i));
        }
        return dedup;
    }

    // ---- JSON text → go-yaml v2 values --------------------------------------------------------

    private static final class Model {
        /** Line of the JSON text being read (raw U+0085 characters in strings end lines). */
        int line;

        void checkControls(Value v) {
            switch (v) {
                case StringValue s -> checkControls(s.value());
                case ArrayValue a -> {
                    for (int i = 0; i < a.size(); i++) checkControls(a.get(i));
                }
                case SetValue a -> {
                    for (int i = 0; i < a.size(); i++) checkControls(a.get(i));
                }
                case ObjectValue o -> {
                    for (Map.Entry<String, Value> e : members(o)) {
                        checkControls(e.getKey());
                        checkControls(e.getValue());
                    }
                }
                default -> { }
            }
        }

        private static void checkControls(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c >= 0x7F && c <= 0x9F && c != 0x85) || c == 0xFFFE || c == 0xFFFF) {
                    throw new EncodingYamlResolve.YamlError("control characters are not allowed");
                }
            }
        }

        Object convert(Value v) {
            return switch (v) {
                case NullValue n -> null;
                case BooleanValue b -> b.value();
                case NumberValue n -> EncodingYamlResolve.resolve("", n.toString()).value();
                case StringValue s -> quoted(s.value());
                case ArrayValue a -> {
                    List<Object> l = new ArrayList<>(a.size());
                    for (int i = 0; i < a.size(); i++) l.add(convert(a.get(i)));
                    yield l;
                }
                case SetValue a -> {
                    List<Object> l = new ArrayList<>(a.size());
                    for (int i = 0; i < a.size(); i++) l.add(convert(a.get(i)));
                    yield l;
                }
                case ObjectValue o -> {
                    int start = line;
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (Map.Entry<String, Value> e : members(o)) {
                        String k = quoted(e.getKey());
                        // The key is a simple key of a flow mapping: it must end on the line it
                        // started on and within 1024 characters, or go-yaml sees no key at all.
                        if (e.getKey().indexOf('\u0085') >= 0
                                || EncodingBuiltins.marshal(StringValue.of(e.getKey())).codePointCount(0,
                                        EncodingBuiltins.marshal(StringValue.of(e.getKey())).length()) > 1024) {
                            int at = line != 0 ? line : start;
                            throw new EncodingYamlResolve.YamlError((at != 0 ? "line " + at + ": " : "")
                                    + "did not find expected ',' or '}'");
                        }
                        m.put(k, convert(e.getValue()));
                    }
                    yield m;
                }
            };
        }

        /**
         * The string a YAML double-quoted scalar holding the JSON string's text reads back as:
         * only raw spaces and U+0085 (which JSON does not escape) are blanks and breaks there.
         */
        String quoted(String s) {
            if (s.indexOf('\u0085') < 0) return s;
            StringBuilder out = new StringBuilder(s.length());
            int i = 0, n = s.length();
            boolean lineStart = false;
            while (true) {
                if (lineStart && i + 3 < n && (s.startsWith("---", i) || s.startsWith("...", i))
                        && (s.charAt(i + 3) == ' ' || s.charAt(i + 3) == '\u0085')) {
                    throw new EncodingYamlResolve.YamlError("line " + (line + 1) + ": found unexpected document indicator");
                }
                while (i < n && s.charAt(i) != ' ' && s.charAt(i) != '\u0085') out.append(s.charAt(i++));
                if (i == n) break;
                boolean leadingBlanks = false;
                StringBuilder whitespaces = new StringBuilder();
                int trailing = 0;
                lineStart = false;
                while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\u0085')) {
                    if (s.charAt(i) == ' ') {
                        if (!leadingBlanks) whitespaces.append(' ');
                        lineStart = false;
                    } else {
                        line++;
                        if (!leadingBlanks) {
                            whitespaces.setLength(0);
                            leadingBlanks = true;
                        } else {
                            trailing++;
                        }
                        lineStart = true;
                    }
                    i++;
                }
                if (leadingBlanks) {
                    if (trailing == 0) out.append(' ');
                    else out.append("\n".repeat(trailing));
                } else {
                    out.append(whitespaces);
                }
            }
            return out.toString();
        }
    }

    // ---- go-yaml v2 encoder + emitter ---------------------------------------------------------

    private static final int PLAIN = 0, SINGLE = 1, DOUBLE = 2, LITERAL = 3;
    private static final int BEST_INDENT = 2, BEST_WIDTH = 80;

    private static final class Analysis {
        boolean multiline, flowPlain, blockPlain, singleQuoted, block;
    }

    private static final class Emitter {
        final StringBuilder out = new StringBuilder();
        int column;
        boolean whitespace = true, indention = true;
        int indent = -1;
        int flowLevel;
        final ArrayList<Integer> indents = new ArrayList<>();
        boolean mappingContext, simpleKeyContext;

        // -- output primitives
        void put(char c) {
            out.append(c);
            column++;
        }

        void putBreak() {
            out.append('\n');
            column = 0;
        }

        /** Copies one character (code point) of value at i; returns the next index. */
        int write(int[] value, int i) {
            out.appendCodePoint(value[i]);
            column++;
            return i + 1;
        }

        int writeBreak(int[] value, int i) {
            if (value[i] == '\n') {
                putBreak();
            } else {
                out.appendCodePoint(value[i]);
                column = 0;
            }
            return i + 1;
        }

        void writeIndent() {
            int ind = Math.max(indent, 0);
            if (!indention || column > ind || (column == ind && !whitespace)) putBreak();
            while (column < ind) put(' ');
            whitespace = true;
            indention = true;
        }

        void indicator(String ind, boolean needWhitespace, boolean isWhitespace, boolean isIndention) {
            if (needWhitespace && !whitespace) put(' ');
            for (int i = 0; i < ind.length(); i++) put(ind.charAt(i));
            whitespace = isWhitespace;
            indention = indention && isIndention;
        }

        void increaseIndent(boolean flow, boolean indentless) {
            indents.add(indent);
            if (indent < 0) {
                indent = flow ? BEST_INDENT : 0;
            } else if (!indentless) {
                indent += BEST_INDENT;
            }
        }

        void popIndent() {
            indent = indents.remove(indents.size() - 1);
        }

        // -- nodes
        void node(Object n, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
            mappingContext = mapping;
            simpleKeyContext = simpleKey;
            if (n instanceof List<?> l) {
                if (l.isEmpty()) {
                    indicator("[", true, true, false);
                    increaseIndent(true, false);
                    popIndent();
                    indicator("]", false, false, false);
                } else {
                    blockSequence(l);
                }
            } else if (n instanceof Map<?, ?> m) {
                if (m.isEmpty()) {
                    indicator("{", true, true, false);
                    increaseIndent(true, false);
                    popIndent();
                    indicator("}", false, false, false);
                } else {
                    blockMapping(m);
                }
            } else {
                scalar(n);
            }
        }

        void blockSequence(List<?> l) {
            increaseIndent(false, mappingContext && !indention);
            for (Object item : l) {
                writeIndent();
                indicator("-", true, false, true);
                node(item, false, true, false, false);
            }
            popIndent();
        }

        void blockMapping(Map<?, ?> m) {
            List<String> keys = new ArrayList<>();
            for (Object k : m.keySet()) keys.add((String) k);
            sortKeys(keys);
            increaseIndent(false, false);
            for (String k : keys) {
                writeIndent();
                Scalar key = scalarOf(k);
                Analysis a = analyze(key.value);
                if (!a.multiline && EncodingText.utf8(k).length <= 128) {
                    node(k, false, false, true, true);
                    indicator(":", false, false, false);
                } else {
                    indicator("?", true, false, true);
                    node(k, false, false, true, false);
                    writeIndent();
                    indicator(":", true, false, true);
                }
                node(m.get(k), false, false, true, false);
            }
            popIndent();
        }

        void scalar(Object v) {
            Scalar s = scalarOf(v);
            Analysis a = analyze(s.value);
            int style = s.style;
            if (simpleKeyContext && a.multiline) style = DOUBLE;
            if (style == PLAIN) {
                if ((flowLevel > 0 && !a.flowPlain) || (flowLevel == 0 && !a.blockPlain)) style = SINGLE;
                if (s.value.length == 0 && (flowLevel > 0 || simpleKeyContext)) style = SINGLE;
            }
            if (style == SINGLE && !a.singleQuoted) style = DOUBLE;
            if (style == LITERAL && (!a.block || flowLevel > 0 || simpleKeyContext)) style = DOUBLE;
            increaseIndent(true, false);
            switch (style) {
                case PLAIN -> writePlain(s.value, !simpleKeyContext);
                case SINGLE -> writeSingle(s.value, !simpleKeyContext);
                case DOUBLE -> writeDouble(s.value, !simpleKeyContext);
                default -> writeLiteral(s.value);
            }
            popIndent();
        }

        void writePlain(int[] v, boolean allowBreaks) {
            if (!whitespace) put(' ');
            boolean spaces = false, breaks = false;
            for (int i = 0; i < v.length; ) {
                if (v[i] == ' ') {
                    if (allowBreaks && !spaces && column > BEST_WIDTH && !(i + 1 < v.length && v[i + 1] == ' ')) {
                        writeIndent();
                        i++;
                    } else {
                        i = write(v, i);
                    }
                    spaces = true;
                } else if (isBreak(v[i])) {
                    if (!breaks && v[i] == '\n') putBreak();
                    i = writeBreak(v, i);
                    indention = true;
                    breaks = true;
                } else {
                    if (breaks) writeIndent();
                    i = write(v, i);
                    indention = false;
                    spaces = false;
                    breaks = false;
                }
            }
            whitespace = false;
            indention = false;
        }

        void writeSingle(int[] v, boolean allowBreaks) {
            indicator("'", true, false, false);
            boolean spaces = false, breaks = false;
            for (int i = 0; i < v.length; ) {
                if (v[i] == ' ') {
                    if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1 && v[i + 1] != ' ') {
                        writeIndent();
                        i++;
                    } else {
                        i = write(v, i);
                    }
                    spaces = true;
                } else if (isBreak(v[i])) {
                    if (!breaks && v[i] == '\n') putBreak();
                    i = writeBreak(v, i);
                    indention = true;
                    breaks = true;
                } else {
                    if (breaks) writeIndent();
                    if (v[i] == '\'') put('\'');
                    i = write(v, i);
                    indention = false;
                    spaces = false;
                    breaks = false;
                }
            }
            indicator("'", false, false, false);
            whitespace = false;
            indention = false;
        }

        void writeDouble(int[] v, boolean allowBreaks) {
            boolean spaces = false;
            indicator("\"", true, false, false);
            for (int i = 0; i < v.length; ) {
                int c = v[i];
                if (!isPrintable(c) || c == 0xFEFF || isBreak(c) || c == '"' || c == '\\') {
                    i++;
                    put('\\');
                    switch (c) {
                        case 0x00 -> put('0');
                        case 0x07 -> put('a');
                        case 0x08 -> put('b');
                        case 0x09 -> put('t');
                        case 0x0A -> put('n');
                        case 0x0B -> put('v');
                        case 0x0C -> put('f');
                        case 0x0D -> put('r');
                        case 0x1B -> put('e');
                        case 0x22 -> put('"');
                        case 0x5C -> put('\\');
                        case 0x85 -> put('N');
                        case 0xA0 -> put('_');
                        case 0x2028 -> put('L');
                        case 0x2029 -> put('P');
                        default -> {
                            int w;
                            if (c <= 0xFF) {
                                put('x');
                                w = 2;
                            } else if (c <= 0xFFFF) {
                                put('u');
                                w = 4;
                            } else {
                                put('U');
                                w = 8;
                            }
                            for (int k = (w - 1) * 4; k >= 0; k -= 4) put("0123456789ABCDEF".charAt((c >> k) & 15));
                        }
                    }
                    spaces = false;
                } else if (c == ' ') {
                    if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < v.length - 1) {
                        writeIndent();
                        if (v[i + 1] == ' ') put('\\');
                        i++;
                    } else {
                        i = write(v, i);
                    }
                    spaces = true;
                } else {
                    i = write(v, i);
                    spaces = false;
                }
            }
            indicator("\"", false, false, false);
            whitespace = false;
            indention = false;
        }

        void writeLiteral(int[] v) {
            indicator("|", true, false, false);
            // block scalar hints
            if (v.length > 0 && (v[0] == ' ' || isBreak(v[0]))) indicator(String.valueOf(BEST_INDENT), false, false, false);
            String chomp = null;
            if (v.length == 0 || !isBreak(v[v.length - 1])) {
                chomp = "-";
            } else if (v.length == 1 || isBreak(v[v.length - 2])) {
                chomp = "+";
            }
            if (chomp != null) indicator(chomp, false, false, false);
            putBreak();
            indention = true;
            whitespace = true;
            boolean breaks = true;
            for (int i = 0; i < v.length; ) {
                if (isBreak(v[i])) {
                    i = writeBreak(v, i);
                    indention = true;
                    breaks = true;
                } else {
                    if (breaks) writeIndent();
                    i = write(v, i);
                    indention = false;
                    breaks = false;
                }
            }
        }
    }

    // ---- scalars ----------------------------------------------------------------------------

    private record Scalar(int[] value, int style) {}

    /** go-yaml v2's encoder: the scalar text and the style it asks the emitter for. */
    private static Scalar scalarOf(Object v) {
        return switch (v) {
            case null -> new Scalar("null".codePoints().toArray(), PLAIN);
            case Boolean b -> new Scalar(b.toString().codePoints().toArray(), PLAIN);
            case Long l -> new Scalar(l.toString().codePoints().toArray(), PLAIN);
            case BigInteger b -> new Scalar(b.toString().codePoints().toArray(), PLAIN);
            case Double d -> new Scalar(EncodingYamlResolve.yamlFloat(d).codePoints().toArray(), PLAIN);
            case String s -> {
                int style;
                if (s.indexOf('\n') >= 0) {
                    style = LITERAL;
                } else {
                    EncodingYamlResolve.Resolved r = EncodingYamlResolve.resolve("", s);
                    boolean plain = r.tag().equals(EncodingYamlResolve.STR) && !EncodingYamlResolve.isBase60Float(s);
                    style = plain ? PLAIN : DOUBLE;
                }
                yield new Scalar(s.codePoints().toArray(), style);
            }
            default -> throw new IllegalStateException(v.getClass().getName());
        };
    }

    static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** libyaml's is_printable (its 4-byte UTF-8 sequences, i.e. astral planes, are not). */
    static boolean isPrintable(int c) {
        return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFF && c != 0xFEFF && c != 0xFFFE && c != 0xFFFF);
    }

    /** yaml_emitter_analyze_scalar of go-yaml v2. */
    private static Analysis analyze(int[] v) {
        Analysis a = new Analysis();
        if (v.length == 0) {
            a.blockPlain = true;
            a.singleQuoted = true;
            return a;
        }
        boolean blockIndicators = false, flowIndicators = false, lineBreaks = false, special = false;
        boolean leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        boolean breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (v.length >= 3 && ((v[0] == '-' && v[1] == '-' && v[2] == '-') || (v[0] == '.' && v[1] == '.' && v[2] == '.'))) {
            blockIndicators = true;
            flowIndicators = true;
        }
        boolean precededByWhitespace = true;
        for (int i = 0; i < v.length; i++) {
            int c = v[i];
            boolean followedByWhitespace = i + 1 >= v.length || v[i + 1] == ' ' || v[i + 1] == '\t';
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
                        flowIndicators = true;
                        blockIndicators = true;
                    }
                    case '?', ':' -> {
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                    }
                    case '-' -> {
                        if (followedByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                    }
                    default -> { }
                }
            } else {
                switch (c) {
                    case ',', '?', '[', ']', '{', '}' -> flowIndicators = true;
                    case ':' -> {
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                    }
                    case '#' -> {
                        if (precededByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                    }
                    default -> { }
                }
            }
            if (!isPrintable(c)) special = true;
            if (c == ' ') {
                if (i == 0) leadingSpace = true;
                if (i == v.length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) leadingBreak = true;
                if (i == v.length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = c == ' ' || c == '\t' || isBreak(c) || c == 0;
        }
        a.multiline = lineBreaks;
        a.flowPlain = true;
        a.blockPlain = true;
        a.singleQuoted = true;
        a.block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            a.flowPlain = false;
            a.blockPlain = false;
        }
        if (trailingSpace) a.block = false;
        if (breakSpace) {
            a.flowPlain = false;
            a.blockPlain = false;
            a.singleQuoted = false;
        }
        if (spaceBreak || special) {
            a.flowPlain = false;
            a.blockPlain = false;
            a.singleQuoted = false;
            a.block = false;
        }
        if (lineBreaks) {
            a.flowPlain = false;
            a.blockPlain = false;
        }
        if (flowIndicators) a.flowPlain = false;
        if (blockIndicators) a.blockPlain = false;
        return a;
    }

    /** Sorts with go-yaml v2's keyList.Less; a merge sort, as Less need not be a strict order. */
    private static void sortKeys(List<String> keys) {
        String[] a = keys.toArray(new String[0]);
        String[] tmp = new String[a.length];
        mergeSort(a, tmp, 0, a.length);
        keys.clear();
        keys.addAll(List.of(a));
    }

    private static void mergeSort(String[] a, String[] tmp, int lo, int hi) {
        if (hi - lo < 2) return;
        int mid = (lo + hi) >>> 1;
        mergeSort(a, tmp, lo, mid);
        mergeSort(a, tmp, mid, hi);
        int i = lo, j = mid, k = lo;
        while (i < mid && j < hi) tmp[k++] = EncodingYamlResolve.keyLess(a[j], a[i]) ? a[j++] : a[i++];
        while (i < mid) tmp[k++] = a[i++];
        while (j < hi) tmp[k++] = a[j++];
        System.arraycopy(tmp, lo, a, lo, hi - lo);
    }
}
