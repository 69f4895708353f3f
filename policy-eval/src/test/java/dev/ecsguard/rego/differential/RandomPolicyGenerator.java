package dev.ecsguard.rego.differential;

import java.util.Random;

/**
 * Generates modules of many small rules that exercise arithmetic, comparison across types,
 * collections, comprehensions, some/every, negation and builtins. Operands go through
 * {@code id(x)}, which OPA's type checker cannot see through, so the module compiles and the
 * rules are judged at evaluation time. Rules are multi-value so a rule with several answers
 * is data, not a conflict.
 */
final class RandomPolicyGenerator {
    static final String INPUT = "{\"n\": 3, \"s\": \"hello\", \"arr\": [3, 1, 2, \"x\", null], "
            + "\"obj\": {\"a\": 1, \"b\": [1, 2], \"c\": {\"d\": true}}}";

    private static final String[] SCALARS = {"1", "2", "0", "-1", "2.5", "1e3", "\"a\"", "\"b\"", "\"\"", "true", "false", "null"};
    private static final String[] BUILTINS = {"count", "sum", "max", "min", "sort", "type_name", "is_number", "to_number", "abs", "product"};
    private static final String[] CMP = {"==", "!=", "<", "<=", ">", ">="};

    private final Random r;

    RandomPolicyGenerator(long seed) { this.r = new Random(seed); }

    private String pick(String... xs) { return xs[r.nextInt(xs.length)]; }

    private String coll(int d) {
        return switch (r.nextInt(6)) {
            case 0 -> "[" + list(d, r.nextInt(4)) + "]";
            case 1 -> "{" + list(d, 1 + r.nextInt(3)) + "}";
            case 2 -> {
                StringBuilder sb = new StringBuilder("{");
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) sb.append(", ");
                    sb.append(pick("\"a\"", "\"b\"", "\"c\"", "1", "2")).append(": ").append(term(d + 1));
                }
                yield sb.append('}').toString();
            }
            case 3 -> "set()";
            case 4 -> "input.arr";
            default -> "input.obj";
        };
    }

    private String list(int d, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(term(d + 1));
        }
        return sb.toString();
    }

    private String id(String t) { return "id(" + t + ")"; }

    String term(int d) {
        if (d > 2) return pick(SCALARS);
        return switch (r.nextInt(17)) {
            case 15, 16 -> pick("fa", "fb", "fc", "fd") + "(" + id(term(d + 1)) + ")";
            case 0, 1, 2, 3 -> pick(SCALARS);
            case 4, 5 -> coll(d);
            case 6 -> "(" + id(term(d + 1)) + " " + pick("+", "-", "*", "/", "%") + " " + id(term(d + 1)) + ")";
            case 7 -> pick(BUILTINS) + "(" + id(term(d + 1)) + ")";
            case 8 -> "[x | some x in " + id(coll(d + 1)) + "]";
            case 9 -> "{x | some x in " + id(coll(d + 1)) + "; " + cond(d + 1, "x") + "}";
            case 10 -> id(coll(d + 1)) + "[" + pick("0", "1", "\"a\"", "\"b\"", "1.0", "2") + "]";
            case 11 -> "(" + id(term(d + 1)) + " " + pick("|", "&", "-") + " " + id(term(d + 1)) + ")";
            case 12 -> pick("input.n", "input.s", "input.arr[0]", "input.obj.a", "input.missing");
            case 13 -> "{k: v | some k, v in " + id(coll(d + 1)) + "}";
            default -> "object.get(" + id(coll(d + 1)) + ", " + pick("\"a\"", "1", "[\"a\", \"b\"]") + ", " + term(d + 1) + ")";
        };
    }

    private String cond(int d, String v) {
        return v + " " + pick(CMP) + " " + id(term(d + 1));
    }

    private String body() {
        return switch (r.nextInt(12)) {
            // Enumeration followed by straight-line steps: bindings made after a choice point must
            // be undone before the next choice (the evaluator runs such steps without continuations).
            case 8 -> "some y in " + id(coll(0)) + "\n\tz := y\n\tw = id(z)\n\tsome v in " + id(coll(0))
                    + "\n\t" + cond(1, "v") + "\n\tx := [w, v]";
            case 9 -> "some i, y in " + id(coll(0)) + "\n\tz := " + pick(BUILTINS) + "(id(y))\n\tnot z == "
                    + id(pick(SCALARS)) + "\n\tx := [i, z]";
            case 10 -> "y := " + id(term(0)) + "\n\tsome v in " + id(coll(0)) + "\n\tu := v\n\tu " + pick(CMP)
                    + " y\n\tx := {\"u\": u, \"y\": y}";
            case 11 -> "some y in " + id(coll(0)) + "\n\tz := y\n\tq := [a | some a in " + id(coll(1))
                    + "; a != z]\n\tx := [z, count(q)]";
            case 0 -> "x := " + id(term(0));
            case 1 -> "some x in " + id(coll(0)) + "\n\t" + cond(1, "x");
            case 2 -> "x := " + id(term(0)) + "\n\tnot " + cond(1, "x");
            case 3 -> "every x in " + id(coll(0)) + " { " + cond(1, "x") + " }\n\tx := 1";
            case 4 -> "x := " + id(term(0)) + "\n\t" + id(term(0)) + " in " + id(coll(0));
            case 5 -> "some i, x in " + id(coll(0)) + "\n\ti == " + pick("0", "\"a\"", "1");
            case 6 -> "x := " + id(term(0)) + "\n\tnot startswith(" + id(term(0)) + ", \"h\")";
            default -> "[a, b] := [" + id(term(0)) + ", " + id(term(0)) + "]\n\tx := [b, a]";
        };
    }

    /** A module {@code package p} with rules r0..r(n-1). */
    String module(int rules) {
        StringBuilder sb = new StringBuilder("package p\nimport rego.v1\n\nid(x) := object.get({}, \"k\", x)\n\n"
                // Functions with several clauses, a pattern parameter, else chains and a default:
                // argument binding and the per-call memo are judged through them.
                + "fa(x) := x + 1 if is_number(x)\n\nfa(x) := concat(\"\", [x, \"!\"]) if is_string(x)\n\n"
                + "fb([a, b]) := [b, a]\n\nfb(x) := x if not is_array(x)\n\n"
                + "fc(x) := 1 if x == 1\nelse := 2 if x == \"a\"\nelse := 3\n\n"
                + "default fd(_) := 0\n\nfd(x) := count(x) if is_array(x)\n\n");
        for (int i = 0; i < rules; i++) {
            sb.append("r").append(i).append(" contains x if {\n\t").append(body()).append("\n}\n\n");
        }
        return sb.toString();
    }
}
