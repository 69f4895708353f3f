package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.builtins.EncodingYamlResolve.YamlError;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Scanner;
import org.yaml.snakeyaml.scanner.ScannerImpl;
import org.yaml.snakeyaml.tokens.DirectiveToken;
import org.yaml.snakeyaml.tokens.ScalarToken;
import org.yaml.snakeyaml.tokens.Token;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * yaml.unmarshal and yaml.is_valid as OPA computes them with sigs.k8s.io/yaml: go-yaml v2 reads
 * the first document into Go values (YAML 1.1 scalars as {@link EncodingYamlResolve} resolves
 * them, merge keys applied in document order, timestamps kept as their text, anchors checked for
 * self-reference and excessive aliasing), map keys become strings (float keys through float32
 * formatting; null and uint64 keys are errors), and encoding/json writes the result (NaN and
 * infinities are errors; floats get Go's JSON spelling). The YAML syntax itself is read by
 * SnakeYAML's parser, a port of the same libyaml design; its errors are reworded as libyaml's
 * ("yaml: line 2: did not find expected key"), with go-yaml's line numbering.
 */
final class EncodingYamlReader {
    private EncodingYamlReader() {}

    /** go-yaml's limit on collection nesting ("exceeded max depth of 10000"). */
    static final int MAX_DEPTH = 10000;

    /** The value, or a YamlError / JsonError-worded failure message. */
    static Value parse(String s) {
        Node doc = compose(s);
        Decoder d = new Decoder();
        Object go = doc == null ? null : d.unmarshal(doc, 0);
        Object json = toJsonable(go);
        return toValue(json);
    }

    /** A failure whose message is complete (not prefixed with "yaml: "). */
    static final class ConversionError extends RuntimeException {
        ConversionError(String message) { super(message, null, false, false); }
    }

    // ---- events → nodes (go-yaml's parser.go) ----------------------------------------------

    private enum Kind { SCALAR, SEQUENCE, MAPPING, ALIAS }

    private static final class Node {
        final Kind kind;
        String tag = "";
        String value;
        boolean implicit;
        Node alias;
        final List<Node> children = new ArrayList<>();

        Node(Kind kind) { this.kind = kind; }
    }

    /** Retries after replacing tabs go-yaml skips but SnakeYAML refuses ("a:\t1"); bounded. */
    private static final int MAX_TAB_RETRIES = 256;

    private static Node compose(String input) {
        String s = input;
        for (int attempt = 0; ; attempt++) {
            try {
                return composeOnce(s);
            } catch (ReaderException e) {
                throw new YamlError("control characters are not allowed");
            } catch (MarkedYAMLException e) {
                int tab = attempt < MAX_TAB_RETRIES ? skippableTab(e, s) : -1;
                if (tab < 0) throw new YamlError(libyamlMessage(e, input));
                s = s.substring(0, tab) + ' ' + s.substring(tab + 1);
            } catch (YAMLException e) {
                throw new YamlError(String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            }
        }
    }

    /**
     * The index of the tab SnakeYAML could not start a token at, when libyaml would have skipped
     * it as white space: after a simple key's ':' (simple keys are then not allowed, which is what
     * permits tabs) or inside a flow collection, judged by the previous character on the line.
     */
    private static int skippableTab(MarkedYAMLException e, String s) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        Mark m = e.getProblemMark();
        boolean afterTag = "while scanning a tag".equals(e.getContext()) && problem.startsWith("expected ' ', but found");
        if (m == null || !afterTag && !(problem.contains("(TAB)") && problem.contains("cannot start any token"))) return -1;
        int at;
        try {
            at = s.offsetByCodePoints(0, m.getIndex());
        } catch (IndexOutOfBoundsException x) {
            return -1;
        }
        if (at >= s.length() || s.charAt(at) != '\t') return -1;
        if (afterTag) return at;   // SnakeYAML wants a space after a tag, libyaml any blank
        int q = at - 1;
        while (q >= 0 && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) q--;
        if (q < 0 || isLineBreak(s.charAt(q))) return -1;
        char prev = s.charAt(q);
        if (prev == '[' || prev == '{' || prev == ',' || prev == ']' || prev == '}' || prev == '"' || prev == '\'') return at;
        int w = q;
        while (w > 0 && s.charAt(w - 1) != ' ' && s.charAt(w - 1) != '\t' && !isLineBreak(s.charAt(w - 1))) w--;
        if (s.charAt(w) == '&' || s.charAt(w) == '*' || s.charAt(w) == '!') return at;   // anchor, alias, tag
        if (prev != ':') return -1;
        int r = q - 1;
        while (r >= 0 && (s.charAt(r) == ' ' || s.charAt(r) == '\t')) r--;
        return r < 0 || isLineBreak(s.charAt(r)) ? -1 : at;
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * libyaml refuses a tab among the indentation spaces of a block scalar (while the indentation
     * is being detected, or before the detected column); SnakeYAML reads it as content.
     */
    private static void checkBlockScalarTabs(ScalarEvent se, String s) {
        int at = s.offsetByCodePoints(0, Math.min(se.getStartMark().getIndex(), s.codePointCount(0, s.length())));
        int eol = at;
        while (eol < s.length() && !isLineBreak(s.charAt(eol))) eol++;
        for (int i = at + 1; i < eol && s.charAt(i) != '#'; i++) {
            if (s.charAt(i) >= '1' && s.charAt(i) <= '9') return;   // explicit indentation: not checked
        }
        int line = se.getStartMark().getLine();
        int indent = -1;
        int p = eol;
        while (p < s.length()) {
            p += s.startsWith("\r\n", p) ? 2 : 1;
            line++;
            int spaces = 0;
            while (p < s.length() && s.charAt(p) == ' ' && (indent < 0 || spaces < indent)) {
                p++;
                spaces++;
            }
            if ((indent < 0 || spaces < indent) && p < s.length() && s.charAt(p) == '\t') {
                throw new YamlError("line " + (line + 1) + ": found a tab character where an indentation space is expected");
            }
            int q = p;
            while (q < s.length() && !isLineBreak(s.charAt(q))) q++;
            boolean empty = p == q;
            p = q;
            if (empty) continue;
            if (indent < 0) indent = Math.max(spaces, 1);
            else if (spaces < indent) return;
        }
    }

    /** libyaml's anchor and alias names are [0-9A-Za-z_-]+ (SnakeYAML takes more). */
    private static void checkAnchorName(String name, Event e) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == '-')) {
                int line = e.getStartMark() == null ? 0 : e.getStartMark().getLine();
                throw new YamlError((line != 0 ? "line " + (line + 1) + ": " : "")
                        + "did not find expected alphabetic or numeric character");
            }
        }
    }

    /**
     * What libyaml refuses and SnakeYAML accepts: directives other than %YAML and %TAG (scanner),
     * a %YAML version other than 1.1 (parser), and backslash-u/U escapes of a surrogate (scanner; libyaml
     * checks each escape alone, so even an escaped surrogate pair fails).
     */
    private static final class DirectiveCheck implements Scanner {
        private final ScannerImpl in;
        private final String src;

        DirectiveCheck(ScannerImpl in, String src) {
            this.in = in;
            this.src = src;
        }

        private Token check(Token t) {
            if (t instanceof DirectiveToken<?> d && !d.getName().equals("YAML") && !d.getName().equals("TAG")) {
                int line = t.getStartMark().getLine();
                throw new YamlError((line != 0 ? "line " + (line + 1) + ": " : "") + "found unknown directive name");
            }
            if (t instanceof DirectiveToken<?> d && d.getName().equals("YAML") && d.getValue() != null
                    && d.getValue().size() == 2 && !(Integer.valueOf(1).equals(d.getValue().get(0))
                    && Integer.valueOf(1).equals(d.getValue().get(1)))) {
                int line = t.getStartMark().getLine();
                throw new YamlError((line != 0 ? "line " + line + ": " : "") + "found incompatible YAML document");
            }
            if (t instanceof ScalarToken st && st.getStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED) {
                checkEscapes(t.getStartMark(), t.getEndMark());
            }
            return t;
        }

        private void checkEscapes(Mark start, Mark end) {
            int from, to;
            try {
                from = src.offsetByCodePoints(0, start.getIndex());
                to = src.offsetByCodePoints(from, end.getIndex() - start.getIndex());
            } catch (IndexOutOfBoundsException e) {
                return;
            }
            int line = start.getLine();
            for (int i = from + 1; i < to - 1; i++) {
                char c = src.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 >= to || src.charAt(i + 1) != '\n'))) line++;
                if (c != '\\' || i + 1 >= to) continue;
                char e = src.charAt(++i);
                int len = e == 'u' ? 4 : e == 'U' ? 8 : 0;
                if (len == 0 || i + len >= to) continue;
                int v;
                try {
                    v = Integer.parseUnsignedInt(src.substring(i + 1, i + 1 + len), 16);
                } catch (NumberFormatException ex) {
                    continue;
                }
                if ((v >= 0xD800 && v <= 0xDFFF) || Integer.compareUnsigned(v, 0x10FFFF) > 0) {
                    throw new YamlError((line != 0 ? "line " + (line + 1) + ": " : "") + "found invalid Unicode character escape code");
                }
                i += len;
            }
        }

        @Override public boolean checkToken(Token.ID... choices) {
            check(in.peekToken());
            return in.checkToken(choices);
        }

        @Override public Token peekToken() { return check(in.peekToken()); }

        @Override public Token getToken() { return check(in.getToken()); }

        @Override public void resetDocumentIndex() { in.resetDocumentIndex(); }
    }

    private static Node composeOnce(String s) {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(Integer.MAX_VALUE);
        ParserImpl p = new ParserImpl(new DirectiveCheck(new ScannerImpl(new StreamReader(s), opts), s));
        {
            p.getEvent();   // stream start
            Event e = p.getEvent();
            if (e.is(Event.ID.StreamEnd)) return null;
            // Document start, then the root node; stop at the document end (go-yaml reads one document).
            Map<String, Node> anchors = new HashMap<>();
            ArrayList<Node> stack = new ArrayList<>();
            Node root = null;
            while (true) {
                e = p.getEvent();
                Node n;
                boolean open = false;
                if (e instanceof ScalarEvent se) {
                    n = new Node(Kind.SCALAR);
                    n.value = se.getValue();
                    n.tag = se.getTag() == null ? "" : se.getTag();
                    n.implicit = se.getTag() == null && se.getImplicit().canOmitTagInPlainScalar() && se.isPlain();
                    if (se.getScalarStyle() == DumperOptions.ScalarStyle.LITERAL
                            || se.getScalarStyle() == DumperOptions.ScalarStyle.FOLDED) {
                        checkBlockScalarTabs(se, s);
                    }
                } else if (e instanceof CollectionStartEvent ce) {
                    n = new Node(e instanceof MappingStartEvent ? Kind.MAPPING : Kind.SEQUENCE);
                    n.tag = ce.getTag() == null ? "" : ce.getTag();
                    open = true;
                } else if (e instanceof AliasEvent ae) {
                    checkAnchorName(ae.getAnchor(), e);
                    n = new Node(Kind.ALIAS);
                    n.value = ae.getAnchor();
                    n.alias = anchors.get(ae.getAnchor());
                    if (n.alias == null) throw new YamlError("unknown anchor '" + ae.getAnchor() + "' referenced");
                } else if (e.is(Event.ID.SequenceEnd) || e.is(Event.ID.MappingEnd)) {
                    Node done = stack.remove(stack.size() - 1);
                    if (stack.isEmpty()) {
                        root = done;
                        break;
                    }
                    continue;
                } else {
                    continue;
                }
                if (e instanceof NodeEvent ne && !(e instanceof AliasEvent) && ne.getAnchor() != null) {
                    checkAnchorName(ne.getAnchor(), e);
                    anchors.put(ne.getAnchor(), n);
                }
                if (!stack.isEmpty()) {
                    stack.get(stack.size() - 1).children.add(n);
                } else if (!open) {
                    root = n;
                    break;
                }
                if (open) {
                    if (stack.size() >= MAX_DEPTH) throw new YamlError("exceeded max depth of " + MAX_DEPTH);
                    stack.add(n);
                }
            }
            p.getEvent();   // document end (reads the next token, as go-yaml does)
            return root;
        }
    }

    /** SnakeYAML's problem, worded as libyaml's, with go-yaml's "line N: " rule. */
    private static String libyamlMessage(MarkedYAMLException e, String input) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        boolean parser = e instanceof ParserException;
        String msg;
        if (problem.startsWith("expected ',' or ']'")) {
            msg = "did not find expected ',' or ']'";
        } else if (problem.startsWith("expected ',' or '}'")) {
            msg = "did not find expected ',' or '}'";
        } else if (problem.startsWith("expected <block end>")) {
            msg = context.contains("block collection") ? "did not find expected '-' indicator" : "did not find expected key";
        } else if (problem.startsWith("expected the node content")) {
            msg = "did not find expected node content";
        } else if (problem.contains("<document start>")) {
            msg = "did not find expected <document start>";
        } else if (problem.startsWith("sequence entries are not allowed")) {
            msg = "block sequence entries are not allowed in this context";
        } else if (problem.startsWith("mapping keys are not allowed")) {
            msg = "mapping keys are not allowed in this context";
        } else if (problem.startsWith("expected a comment or a line break")
                || problem.startsWith("expected chomping or indentation indicators")) {
            msg = "did not find expected comment or line break";
        } else if (problem.startsWith("expected indentation indicator in the range 1-9")) {
            msg = "found an indentation indicator equal to 0";
        } else if (problem.startsWith("expected escape sequence of")) {
            msg = "did not find expected hexdecimal number";
        } else if (problem.startsWith("found duplicate YAML directive")) {
            msg = "found duplicate %YAML directive";
        } else if (problem.startsWith("duplicate tag handle")) {
            msg = "found duplicate %TAG directive";
        } else if (problem.startsWith("found undefined tag handle")) {
            msg = "found undefined tag handle";
        } else if (problem.startsWith("found incompatible YAML document")) {
            msg = "found incompatible YAML document";
        } else if (problem.startsWith("mapping values are not allowed")) {
            msg = "mapping values are not allowed in this context";
        } else if (problem.contains("that cannot start any token")) {
            msg = "found character that cannot start any token";
        } else if (problem.matches("found unknown escape character [0-9A-Fa-f]{8}")) {
            msg = "found invalid Unicode character escape code";    // SnakeYAML: backslash-U beyond U+10FFFF
        } else if (problem.startsWith("found unknown escape character")) {
            msg = "found unknown escape character";
        } else if (problem.startsWith("found unexpected document separator")) {
            msg = "found unexpected document indicator";
        } else if (context.startsWith("while scanning an anchor") || context.startsWith("while scanning an alias")) {
            msg = "did not find expected alphabetic or numeric character";
        } else if (problem.startsWith("expected '>'")) {
            msg = "did not find the expected '>'";
        } else {
            msg = problem;
        }
        Mark pm = e.getProblemMark(), cm = e.getContextMark();
        int line = 0;
        if (pm != null && pm.getLine() != 0 || pm != null && atStreamEnd(pm, problem, input)) {
            line = pm.getLine();
            // libyaml moves to a new line before the STREAM-END token.
            if (atStreamEnd(pm, problem, input) && pm.getColumn() != 0) line++;
            if (!parser) line++;
        } else if (cm != null && cm.getLine() != 0) {
            line = cm.getLine();
        }
        return line != 0 ? "line " + line + ": " + msg : msg;
    }

    private static boolean atStreamEnd(Mark m, String problem, String input) {
        if (problem.contains("<stream end>")) return true;
        return problem.startsWith("could not find expected ':'") && m.getIndex() >= input.codePointCount(0, input.length());
    }

    // ---- nodes → Go values (go-yaml's decode.go into interface{}) -----------------------------

    private static final class Decoder {
        long decodeCount, aliasCount;
        int aliasDepth;
        final IdentityHashMap<Node, Boolean> active = new IdentityHashMap<>();

        Object unmarshal(Node n, int depth) {
            count();
            return switch (n.kind) {
                case SCALAR -> scalar(n);
                case SEQUENCE -> {
                    List<Object> l = new ArrayList<>(n.children.size());
                    for (Node c : n.children) l.add(unmarshal(c, depth + 1));
                    yield l;
                }
                case MAPPING -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    mapping(n, m, depth + 1);
                    yield m;
                }
                case ALIAS -> {
                    enterAlias(n);
                    try {
                        yield unmarshal(n.alias, depth);
                    } finally {
                        leaveAlias(n);
                    }
                }
            };
        }

        /** d.unmarshal with an existing map as the target (merge keys). */
        void unmarshalInto(Node n, Map<Object, Object> out, int depth) {
            count();
            if (n.kind == Kind.ALIAS) {
                enterAlias(n);
                try {
                    unmarshalInto(n.alias, out, depth);
                } finally {
                    leaveAlias(n);
                }
            } else {
                mapping(n, out, depth + 1);
            }
        }

        private void count() {
            decodeCount++;
            if (aliasDepth > 0) aliasCount++;
            if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
                throw new YamlError("document contains excessive aliasing");
            }
        }

        private static double allowedAliasRatio(long decodeCount) {
            if (decodeCount <= 400_000) return 0.99;
            if (decodeCount >= 4_000_000) return 0.10;
            return 0.99 - 0.89 * ((double) (decodeCount - 400_000) / 3_600_000);
        }

        private void enterAlias(Node n) {
            if (active.containsKey(n)) throw new YamlError("anchor '" + n.value + "' value contains itself");
            active.put(n, Boolean.TRUE);
            aliasDepth++;
        }

        private void leaveAlias(Node n) {
            aliasDepth--;
            active.remove(n);
        }

        private void mapping(Node n, Map<Object, Object> out, int depth) {
            for (int i = 0; i + 1 < n.children.size(); i += 2) {
                Node k = n.children.get(i), v = n.children.get(i + 1);
                if (k.kind == Kind.SCALAR && k.value.equals("<<") && (k.implicit || k.tag.equals(EncodingYamlResolve.MERGE))) {
                    merge(v, out, depth);
                    continue;
                }
                Object key = unmarshal(k, depth);
                if (key instanceof List<?> || key instanceof Map<?, ?>) {
                    throw new YamlError("invalid map key: " + goSyntax(key, false));
                }
                out.put(key, unmarshal(v, depth));
            }
        }

        private void merge(Node n, Map<Object, Object> out, int depth) {
            switch (n.kind) {
                case MAPPING -> unmarshalInto(n, out, depth);
                case ALIAS -> {
                    if (n.alias.kind != Kind.MAPPING) throw wantMap();
                    unmarshalInto(n, out, depth);
                }
                case SEQUENCE -> {
                    for (int i = n.children.size() - 1; i >= 0; i--) {
                        Node c = n.children.get(i);
                        if (c.kind == Kind.ALIAS ? c.alias.kind != Kind.MAPPING : c.kind != Kind.MAPPING) throw wantMap();
                        unmarshalInto(c, out, depth);
                    }
                }
                default -> throw wantMap();
            }
        }

        private static YamlError wantMap() {
            return new YamlError("map merge requires map or sequence of maps as the value");
        }

        private static Object scalar(Node n) {
            EncodingYamlResolve.Resolved r;
            if (n.tag.isEmpty() && !n.implicit) {
                r = new EncodingYamlResolve.Resolved(EncodingYamlResolve.STR, n.value);
            } else {
                r = EncodingYamlResolve.resolve(n.tag, n.value);
                if (r.tag().equals(EncodingYamlResolve.BINARY)) {
                    try {
                        return EncodingText.goString(EncodingBuiltins.base64Decode("", (String) r.value(), false));
                    } catch (BuiltinException e) {
                        throw new YamlError("!!binary value contains invalid base64 data");
                    }
                }
            }
            if (r.value() == null) return null;
            if (r.tag().equals(EncodingYamlResolve.TIMESTAMP)) return n.value;
            return r.value();
        }
    }

    // ---- Go values → JSON (sigs.k8s.io/yaml's convertToJSONableObject, then json.Marshal) -----

    private static Object toJsonable(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = e.getKey();
                String key = switch (k) {
                    case String s -> s;
                    case Long l -> l.toString();
                    case Double d -> EncodingYamlResolve.float32Key(d);
                    case Boolean b -> b.toString();
                    case null, default -> throw new ConversionError("unsupported map key of type: "
                            + (k == null ? "%!s(<nil>)" : "uint64") + ", key: " + goSyntax(k, true)
                            + ", value: " + goSyntax(e.getValue(), true));
                };
                out.put(key, toJsonable(e.getValue()));
            }
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) out.add(toJsonable(x));
            return out;
        }
        return o;
    }

    private static Value toValue(Object o) {
        return switch (o) {
            case null -> NullValue.INSTANCE;
            case Boolean b -> BooleanValue.of(b);
            case Long l -> NumberValue.of(l);
            case BigInteger b -> NumberValue.of(b);
            case Double d -> {
                if (d.isNaN() || d.isInfinite()) {
                    throw new ConversionError("json: unsupported value: " + (d.isNaN() ? "NaN" : d > 0 ? "+Inf" : "-Inf"));
                }
                yield NumberValue.parse(EncodingYamlResolve.jsonFloat(d));
            }
            case String s -> StringValue.of(s);
            case List<?> l -> {
                Value[] a = new Value[l.size()];
                for (int i = 0; i < a.length; i++) a[i] = toValue(l.get(i));
                yield ArrayValue.wrap(a);
            }
            case Map<?, ?> m -> {
                // encoding/json writes map keys sorted; the first bad value in that order is reported.
                TreeMap<String, Object> sorted = new TreeMap<>(dev.ecsguard.rego.value.StringValue::compareCodePoints);
                for (Map.Entry<?, ?> e : m.entrySet()) sorted.put((String) e.getKey(), e.getValue());
                ObjectValue.Builder b = ObjectValue.builder();
                for (Map.Entry<String, Object> e : sorted.entrySet()) b.put(StringValue.of(e.getKey()), toValue(e.getValue()));
                yield b.build();
            }
            default -> throw new IllegalStateException(o.getClass().getName());
        };
    }

    /**
     * fmt's sorted map keys (internal/fmtsort): interface keys by dynamic type first, in the order
     * OPA 1.4.2's binary has them (nil, string, uint64, int, float64, bool), then by value.
     */
    private static int goKeyOrder(Object a, Object b) {
        int ra = goTypeRank(a), rb = goTypeRank(b);
        if (ra != rb) return Integer.compare(ra, rb);
        return switch (a) {
            case null -> 0;
            case String x -> compareCodePoints(x, (String) b);
            case BigInteger x -> x.compareTo((BigInteger) b);
            case Long x -> Long.compare(x, (Long) b);
            case Double x -> Double.compare(x, (Double) b);
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            default -> 0;
        };
    }

    private static int goTypeRank(Object o) {
        return switch (o) {
            case null -> 0;
            case String s -> 1;
            case BigInteger b -> 2;
            case Long l -> 3;
            case Double d -> 4;
            case Boolean b -> 5;
            default -> 6;
        };
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i), y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Go's %#v (%+#v) of a decoded value, for error messages. */
    private static String goSyntax(Object o, boolean top) {
        StringBuilder sb = new StringBuilder();
        goSyntax(sb, o, top);
        return sb.toString();
    }

    private static void goSyntax(StringBuilder sb, Object o, boolean top) {
        switch (o) {
            case null -> sb.append(top ? "<nil>" : "interface {}(nil)");
            case String s -> StringFormat.goQuote(sb, s);
            case BigInteger b -> sb.append("0x").append(b.toString(16));
            case Double d -> sb.append(EncodingYamlResolve.shortest(d, 'g', false));
            case List<?> l -> {
                sb.append("[]interface {}{");
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) sb.append(", ");
                    goSyntax(sb, l.get(i), false);
                }
                sb.append('}');
            }
            case Map<?, ?> m -> {
                sb.append("map[interface {}]interface {}{");
                boolean first = true;
                List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
                entries.sort((x, y) -> goKeyOrder(x.getKey(), y.getKey()));
                for (Map.Entry<?, ?> e : entries) {
                    if (!first) sb.append(", ");
                    first = false;
                    goSyntax(sb, e.getKey(), false);
                    sb.append(':');
                    goSyntax(sb, e.getValue(), false);
                }
                sb.append('}');
            }
            default -> sb.append(o);
        }
    }
}
