package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.SetValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * strings.render_template: the subset of Go's text/template that policies use, with OPA's
 * {@code missingkey=error}: text, {@code {{.a.b}}}, {@code {{.}}}, {@code $} and {@code $var},
 * string/number/bool literals, {@code if / else if / else}, {@code range} (with
 * {@code $i, $v :=}), {@code with}, comments and {@code {{-}} / {@code -}}} trimming. Values print
 * as Go prints decoded JSON ({@code map[a:1]}, {@code [1 2]}, {@code <no value>}). Anything else
 * (functions, pipelines) fails as a builtin error.
 */
final class StringTemplate {
    private StringTemplate() {}

    private static BuiltinException error(String msg) {
        return BuiltinException.failure("strings.render_template", msg);
    }

    static String render(String src, ObjectValue vars, BuiltinContext ctx) {
        checkNoSets(vars);
        List<Node> nodes = ctx.cached("strings.render_template", src, StringTemplate::parse);
        StringBuilder out = new StringBuilder();
        Map<String, Value> scope = new HashMap<>();
        scope.put("$", vars);
        exec(nodes, vars, scope, out, src, ctx);
        return out.toString();
    }

    private static void checkNoSets(Value v) {
        switch (v) {
            case SetValue s -> throw error("invalid character ',' after object key");
            case ArrayValue a -> { for (int i = 0; i < a.size(); i++) checkNoSets(a.get(i)); }
            case ObjectValue o -> { for (int i = 0; i < o.size(); i++) checkNoSets(o.valueAt(i)); }
            default -> { }
        }
    }

    // ---- parse --------------------------------------------------------------------------------

    private sealed interface Node permits Text, Action, If, Range, With {}
    private record Text(String text) implements Node {}
    /** A single operand: ".", ".a.b", "$", "$x.a", or a literal. */
    private record Action(String expr, int pos) implements Node {}
    private record If(List<Action> conds, List<List<Node>> branches, List<Node> otherwise) implements Node {}
    private record Range(Action over, String keyVar, String valVar, List<Node> body, List<Node> otherwise) implements Node {}
    private record With(Action over, List<Node> body, List<Node> otherwise) implements Node {}

    private record Token(boolean action, String text, int pos) {}

    private static List<Node> parse(String src) {
        List<Token> tokens = lex(src);
        int[] at = {0};
        List<Node> nodes = new ArrayList<>();
        String end = parseList(tokens, at, nodes, src);
        if (end != null) throw error("template: template:" + line(src, 0) + ": unexpected {{" + end + "}}");
        return nodes;
    }

    private static int line(String src, int pos) {
        int l = 1;
        for (int i = 0; i < pos && i < src.length(); i++) if (src.charAt(i) == '\n') l++;
        return l;
    }

    /**
     * Go's Tree.ErrorContext: "LINE:COL", COL the byte offset (UTF-8) of pos from the start of its line.
     */
    private static String lineCol(String src, int pos) {
        int lineStart = src.lastIndexOf('\n', pos - 1) + 1;
        int bytes = 0;
        for (int i = lineStart; i < pos && i < src.length(); ) {
            int cp = src.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            i += Character.charCount(cp);
        }
        return line(src, pos) + ":" + bytes;
    }

    /**
     * Offset in a field expression of the position Go gives its node: a chain ({@code .a.b},
     * {@code $x.a}) is positioned at its second element, a lone field ({@code .a}) at itself.
     */
    private static int chainPos(String e) {
        int second = e.indexOf('.', 1);
        return second < 0 ? 0 : second;
    }

    private static List<Token> lex(String src) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        StringBuilder text = new StringBuilder();
        while (i < src.length()) {
            int open = src.indexOf("{{", i);
            if (open < 0) {
                text.append(src, i, src.length());
                break;
            }
            text.append(src, i, open);
            int start = open + 2;
            boolean trimLeft = src.startsWith("- ", start) || src.startsWith("-\t", start) || src.startsWith("-\n", start);
            if (trimLeft) {
                int k = text.length();
                while (k > 0 && Character.isWhitespace(text.charAt(k - 1))) k--;
                text.setLength(k);
                start += 1;
            }
            int close = findClose(src, start);
            if (close < 0) throw error("template: template:" + line(src, open) + ": unclosed action");
            boolean trimRight = close > start && src.charAt(close - 1) == '-' && close - 2 >= start
                    && Character.isWhitespace(src.charAt(close - 2));
            String body = src.substring(start, trimRight ? close - 1 : close).strip();
            if (text.length() > 0) out.add(new Token(false, text.toString(), open));
            text.setLength(0);
            int bodyPos = start;
            while (bodyPos < close && Character.isWhitespace(src.charAt(bodyPos))) bodyPos++;
            if (!(body.startsWith("/*") && body.endsWith("*/"))) out.add(new Token(true, body, bodyPos));
            i = close + 2;
            if (trimRight) {
                while (i < src.length() && Character.isWhitespace(src.charAt(i))) i++;
            }
        }
        if (text.length() > 0) out.add(new Token(false, text.toString(), src.length()));
        return out;
    }

    private static int findClose(String src, int from) {
        boolean quote = false;
        for (int i = from; i < src.length() - 1; i++) {
            char c = src.charAt(i);
            if (quote) {
                if (c == '\\') i++;
                else if (c == '"') quote = false;
            } else if (c == '"') {
                quote = true;
            } else if (c == '}' && src.charAt(i + 1) == '}') {
                return i;
            }
        }
        return -1;
    }

    /** Parses nodes until {{end}}/{{else...}}; returns that keyword (or null at the end of input). */
    private static String parseList(List<Token> tokens, int[] at, List<Node> out, String src) {
        while (at[0] < tokens.size()) {
            Token t = tokens.get(at[0]++);
            if (!t.action()) {
                out.add(new Text(t.text()));
                continue;
            }
            String b = t.text();
            if (b.equals("end") || b.equals("else") || b.startsWith("else ")) return b;
            if (b.equals("if") || b.equals("range") || b.equals("with")) {
                throw error("template: template:" + line(src, t.pos()) + ": missing value for " + b);
            }
            if (b.startsWith("if ")) {
                List<Action> conds = new ArrayList<>();
                List<List<Node>> branches = new ArrayList<>();
                conds.add(operand(b.substring(3).strip(), t.pos() + b.length() - b.substring(3).strip().length(), src));
                List<Node> otherwise = null;
                while (true) {
                    List<Node> body = new ArrayList<>();
                    String kw = parseList(tokens, at, body, src);
                    branches.add(body);
                    if (kw == null) throw error("template: template:" + line(src, t.pos()) + ": unexpected EOF");
                    if (kw.equals("end")) break;
                    if (kw.equals("else if")) {
                        throw error("template: template:" + line(src, tokens.get(at[0] - 1).pos()) + ": missing value for if");
                    }
                    if (kw.startsWith("else if ")) {
                        String cond = kw.substring(8).strip();
                        conds.add(operand(cond, tokens.get(at[0] - 1).pos() + kw.length() - cond.length(), src));
                        continue;
                    }
                    otherwise = new ArrayList<>();
                    String kw2 = parseList(tokens, at, otherwise, src);
                    if (!"end".equals(kw2)) throw error("template: template:" + line(src, t.pos()) + ": expected end; found " + kw2);
                    break;
                }
                out.add(new If(conds, branches, otherwise));
            } else if (b.startsWith("range ") || b.startsWith("with ")) {
                boolean range = b.startsWith("range ");
                String rest = b.substring(range ? 6 : 5).strip();
                String keyVar = null, valVar = null;
                int decl = rest.indexOf(":=");
                if (range && decl > 0) {
                    String[] vars = rest.substring(0, decl).split(",");
                    if (vars.length == 1) valVar = vars[0].strip();
                    else {
                        keyVar = vars[0].strip();
                        valVar = vars[1].strip();
                    }
                    rest = rest.substring(decl + 2).strip();
                }
                Action over = operand(rest, t.pos() + b.length() - rest.length(), src);
                List<Node> body = new ArrayList<>();
                List<Node> otherwise = null;
                String kw = parseList(tokens, at, body, src);
                if (kw == null) throw error("template: template:" + line(src, t.pos()) + ": unexpected EOF");
                if (kw.equals("else")) {
                    otherwise = new ArrayList<>();
                    kw = parseList(tokens, at, otherwise, src);
                }
                if (!"end".equals(kw)) throw error("template: template:" + line(src, t.pos()) + ": unexpected EOF");
                out.add(range ? new Range(over, keyVar, valVar, body, otherwise) : new With(over, body, otherwise));
            } else {
                out.add(operand(b, t.pos(), src));
            }
        }
        return null;
    }

    private static Action operand(String expr, int pos, String src) {
        if (expr.isEmpty()) throw error("template: template:" + line(src, pos) + ": missing value for command");
        if (expr.contains("|") && !expr.startsWith("\"")) {
            throw error("template: template:" + line(src, pos) + ": pipelines are not supported by ecs-guard");
        }
        char c = expr.charAt(0);
        boolean ok = c == '.' || c == '$' || c == '"' || c == '-' || Character.isDigit(c)
                || expr.equals("true") || expr.equals("false") || expr.equals("nil");
        if (!ok || (c != '"' && expr.indexOf(' ') >= 0)) {
            throw error("template: template:" + line(src, pos) + ": function \"" + expr.split(" ")[0] + "\" not defined");
        }
        return new Action(expr, pos);
    }

    // ---- execute ------------------------------------------------------------------------------

    private static void exec(List<Node> nodes, Value dot, Map<String, Value> scope, StringBuilder out, String src,
                             BuiltinContext ctx) {
        for (Node n : nodes) {
            WorkLimits.checkGrowth(ctx, out);   // nested ranges multiply the output
            switch (n) {
                case Text t -> out.append(t.text());
                case Action a -> print(out, eval(a, dot, scope, src));
                case If f -> {
                    boolean done = false;
                    for (int i = 0; i < f.conds().size() && !done; i++) {
                        if (truth(eval(f.conds().get(i), dot, scope, src))) {
                            exec(f.branches().get(i), dot, scope, out, src, ctx);
                            done = true;
                        }
                    }
                    if (!done && f.otherwise() != null) exec(f.otherwise(), dot, scope, out, src, ctx);
                }
                case With w -> {
                    Value v = eval(w.over(), dot, scope, src);
                    if (truth(v)) exec(w.body(), v, scope, out, src, ctx);
                    else if (w.otherwise() != null) exec(w.otherwise(), dot, scope, out, src, ctx);
                }
                case Range r -> {
                    Value v = eval(r.over(), dot, scope, src);
                    List<Value[]> items = new ArrayList<>();
                    if (v instanceof ArrayValue arr) {
                        for (int i = 0; i < arr.size(); i++) items.add(new Value[]{NumberValue.of(i), arr.get(i)});
                    } else if (v instanceof ObjectValue o) {
                        for (int i = 0; i < o.size(); i++) items.add(new Value[]{o.keyAt(i), o.valueAt(i)});
                    } else if (v != null && !(v instanceof NullValue)) {
                        throw error("template: template:" + lineCol(src, r.over().pos() + chainPos(r.over().expr())) + ": executing \"template\" at <"
                                + r.over().expr() + ">: range can't iterate over " + goText(v));
                    }
                    if (items.isEmpty()) {
                        if (r.otherwise() != null) exec(r.otherwise(), dot, scope, out, src, ctx);
                        continue;
                    }
                    for (Value[] kv : items) {
                        ctx.charge(1);                  // nested ranges multiply the work
                        Map<String, Value> inner = scope;
                        if (r.valVar() != null) {
                            inner = new HashMap<>(scope);
                            inner.put(r.valVar(), kv[1]);
                            if (r.keyVar() != null) inner.put(r.keyVar(), kv[0]);
                        }
                        exec(r.body(), kv[1], inner, out, src, ctx);
                    }
                }
            }
        }
    }

    /** Evaluates an operand; null means "no value" (Go's missing interface value). */
    private static Value eval(Action a, Value dot, Map<String, Value> scope, String src) {
        String e = a.expr();
        char c = e.charAt(0);
        if (c == '"') {
            return StringValue.of(e.substring(1, e.length() - 1).replace("\\\"", "\"").replace("\\n", "\n")
                    .replace("\\t", "\t").replace("\\\\", "\\"));
        }
        if (e.equals("true") || e.equals("false")) return BooleanValue.of(e.equals("true"));
        if (e.equals("nil")) throw error("template: template:" + lineCol(src, a.pos()) + ": executing \"template\" at <nil>: nil is not a command");
        if (c == '-' || Character.isDigit(c)) {
            try {
                return NumberValue.parse(e);
            } catch (NumberFormatException ex) {
                throw error("template: template:" + line(src, a.pos()) + ": bad number syntax: \"" + e + "\"");
            }
        }
        Value cur;
        int i;
        if (c == '$') {
            int end = 1;
            while (end < e.length() && e.charAt(end) != '.') end++;
            String name = e.substring(0, end);
            cur = scope.get(name);
            if (cur == null && !scope.containsKey(name)) {
                throw error("template: template:" + line(src, a.pos()) + ": undefined variable \"" + name + "\"");
            }
            i = end;
        } else {
            cur = dot;
            i = 0;
            if (e.equals(".")) return dot;
        }
        while (i < e.length()) {
            int next = e.indexOf('.', i + 1);
            if (next < 0) next = e.length();
            String field = e.substring(i + 1, next);
            String fieldPos = lineCol(src, a.pos() + chainPos(e));
            if (cur instanceof ObjectValue o) {
                Value v = o.get(field);
                if (v == null) {
                    throw error("template: template:" + fieldPos + ": executing \"template\" at <"
                            + e + ">: map has no entry for key \"" + field + "\"");
                }
                cur = v;
            } else if (cur == null || cur instanceof NullValue) {
                throw error("template: template:" + fieldPos + ": executing \"template\" at <"
                        + e + ">: nil pointer evaluating interface {}." + field);
            } else {
                throw error("template: template:" + fieldPos + ": executing \"template\" at <"
                        + e + ">: can't evaluate field " + field + " in type interface {}");
            }
            i = next;
        }
        return cur;
    }

    private static boolean truth(Value v) {
        return switch (v) {
            case null -> false;
            case NullValue n -> false;
            case BooleanValue b -> b.value();
            case NumberValue n -> n.signum() != 0;
            case StringValue s -> !s.value().isEmpty();
            case ArrayValue a -> a.size() > 0;
            case ObjectValue o -> o.size() > 0;
            case SetValue s -> s.size() > 0;
        };
    }

    private static void print(StringBuilder out, Value v) {
        if (v == null || v instanceof NullValue) {
            out.append("<no value>");
            return;
        }
        out.append(goText(v));
    }

    /** Go's %v of the JSON-decoded value (json.Number keeps its text). */
    private static String goText(Value v) {
        StringBuilder sb = new StringBuilder();
        appendGo(sb, v);
        return sb.toString();
    }

    private static void appendGo(StringBuilder sb, Value v) {
        switch (v) {
            case NullValue n -> sb.append("<nil>");
            case BooleanValue b -> sb.append(b.value());
            case NumberValue n -> sb.append(n);
            case StringValue s -> sb.append(s.value());
            case ArrayValue a -> {
                sb.append('[');
                for (int i = 0; i < a.size(); i++) {
                    if (i > 0) sb.append(' ');
                    appendGo(sb, a.get(i));
                }
                sb.append(']');
            }
            case SetValue s -> {
                sb.append('[');
                for (int i = 0; i < s.size(); i++) {
                    if (i > 0) sb.append(' ');
                    appendGo(sb, s.get(i));
                }
                sb.append(']');
            }
            case ObjectValue o -> {
                sb.append("map[");
                for (int i = 0; i < o.size(); i++) {
                    if (i > 0) sb.append(' ');
                    Value k = o.keyAt(i);
                    sb.append(k instanceof StringValue s ? s.value() : dev.ecsguard.rego.value.Json.write(k)).append(':');
                    appendGo(sb, o.valueAt(i));
                }
                sb.append(']');
            }
        }
    }
}
