package dev.ecsguard.rego.differential;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates small programs that lean on the compile-time checks (the type checker, declarations,
 * safety): refs with unbound vars over bases of every kind (input, base data, rules, function
 * arguments, call results, literals, locals), object, array and set patterns, comprehensions
 * combined with set operators, {@code walk}, zero-argument and multi-clause functions, and
 * {@code with} on functions, builtins and input. Unlike {@link RandomPolicyGenerator} nothing hides
 * types from the checker, so a good share of the programs are rejected: whether OPA accepts each
 * one, and with which error kind, is what the acceptance differential test compares.
 */
final class TypedProgramGenerator {
    static final String INPUT = "{\"n\": 2, \"x\": \"eu\", \"small\": false, \"a\": 1, "
            + "\"m\": {\"k\": {\"id\": \"i\"}, \"j\": [1, 2]}, \"xs\": [1, 2, 3], \"pairs\": [[1, \"a\"], [2, \"b\"]]}";

    /** Rules and functions every program has, so the generated rules can refer to them (OPA accepts these). */
    static final String HELPERS = """
            obj := {"a": 1, "b": {"id": "x"}, "c": [1, 2]}

            strs := {"a", "b"}

            arr := [1, "x", {"id": 2}]

            tbl(_) := {"a": 1, "b": 2}

            ident(x) := x

            keys_of(m) := {k | m[k]}

            z_any() := input.x

            z_union() := 1 if input.small

            z_union() := "big" if not input.small

            z_str() := "s"

            mc(x) := 1 if x == 1

            mc(x) := "other" if x != 1

            fake_count(_) := 7

            fake_upper(s) := lower(s)

            fake_concat(_, xs) := count(xs)

            scaled := y if y := input.n * 3
            """;

    /** Collections the refs and iterations of a program are over; {@code m} only inside a function. */
    private static final String[] BASES = {"input.m", "input.xs", "input.pairs", "input", "data.base.items",
            "data.p.obj", "obj", "arr", "strs", "tbl(0)", "ident(input.m)", "{\"a\": 1, \"b\": 2}", "[1, 2]",
            "{\"a\", \"b\"}", "data.p.strs", "z_any()", "input.m.k"};

    /** A statement: its text and the vars it binds. */
    private record Stmt(String text, Set<String> binds, Set<String> needs) {
        Stmt(String text, String binds, String needs) {
            this(text, split(binds), split(needs));
        }

        private static Set<String> split(String s) {
            Set<String> out = new LinkedHashSet<>();
            for (String x : s.split(",")) if (!x.isBlank()) out.add(x.strip());
            return out;
        }
    }

    private final Random r;

    TypedProgramGenerator(long seed) { this.r = new Random(seed); }

    private String pick(String... xs) { return xs[r.nextInt(xs.length)]; }

    /**
     * One program: the helpers, now and then a rule {@code r2} of its own that the generated rule
     * refers to (its type comes from the checker), and the generated rule {@code r} (a function
     * and its caller a third of the time).
     */
    String program() {
        boolean function = r.nextInt(3) == 0;
        StringBuilder sb = new StringBuilder("package p\n\nimport rego.v1\n\n").append(HELPERS).append('\n');
        withRule2 = r.nextInt(3) == 0;
        if (withRule2) {
            String b = pick(BASES);
            sb.append(switch (r.nextInt(5)) {
                case 0 -> "r2[k] := v if { some k, v in " + b + " }";
                case 1 -> "r2 contains x if { some x in " + b + " }";
                case 2 -> "r2 := {\"a\": 1, \"b\": \"s\", \"c\": [" + pick("1", "\"x\"") + "]}";
                case 3 -> "r2.sub[k] := 1 if { " + b + "[k] }";
                default -> "r2 := x if { x := " + b + "[_] }";
            }).append("\n\n");
        }
        String body = body(function);
        String out = outVar;
        if (function) {
            sb.append("fr(m) := ").append(out).append(" if {\n").append(body).append("}\n\n");
            sb.append("r := fr(").append(pick("input.m", "{\"a\": {\"id\": 1}}", "obj", "input.xs", "1")).append(")\n");
        } else if (r.nextInt(3) != 0) {
            sb.append("r contains ").append(out).append(" if {\n").append(body).append("}\n");
        } else {
            sb.append("r := [").append(out).append("] if {\n").append(body).append("}\n");
        }
        return sb.toString();
    }

    private String outVar;
    private boolean withRule2;

    private String base(boolean function) {
        if (function && r.nextInt(3) == 0) return "m";
        if (withRule2 && r.nextInt(3) == 0) return pick("r2", "data.p.r2", "r2.sub");
        return pick(BASES);
    }

    private String body(boolean function) {
        List<Stmt> stmts = new ArrayList<>();
        Set<String> bound = new LinkedHashSet<>();
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            Stmt s = binding(base(function));
            // Mostly fresh names: a var declared twice is an error of its own, kept now and then.
            for (int tries = 0; tries < 6 && !java.util.Collections.disjoint(s.binds(), bound) && r.nextInt(8) != 0; tries++) {
                s = binding(base(function));
            }
            stmts.add(s);
            bound.addAll(s.binds());
        }
        int uses = r.nextInt(3);
        for (int i = 0; i < uses; i++) {
            Stmt u = use(bound);
            if (u == null) continue;
            String t = "t" + i;   // each use assigns a var of its own
            u = new Stmt(u.text().replaceAll("\\bt\\b", t), u.binds().contains("t") ? t : String.join(",", u.binds()), "");
            stmts.add(u);
            bound.addAll(u.binds());
        }
        // Now and then the order is shuffled: the safety check must find an order (or report one).
        if (r.nextInt(8) == 0) java.util.Collections.shuffle(stmts, r);
        List<String> candidates = new ArrayList<>(bound);
        outVar = candidates.isEmpty() || r.nextInt(6) == 0 ? "true" : candidates.get(r.nextInt(candidates.size()));
        StringBuilder sb = new StringBuilder();
        for (Stmt s : stmts) sb.append('\t').append(s.text()).append('\n');
        return sb.toString();
    }

    private Stmt binding(String b) {
        String op = pick("|", "&", "-");
        return switch (r.nextInt(30)) {
            case 0 -> new Stmt(b + "[k]", "k", "");
            case 1 -> new Stmt("v := " + b + "[k]", "k,v", "");
            case 2 -> new Stmt(b + "[k][j]", "k,j", "");
            case 3 -> new Stmt("some k, v in " + b, "k,v", "");
            case 4 -> new Stmt("some v in " + b, "v", "");
            case 5 -> new Stmt("v := " + b + "[_]", "v", "");
            case 6 -> new Stmt("[a, b] " + pick(":=", "=") + " " + pick("walk(" + b + ")", b, "[1, 2]", "{\"a\": 1}", "\"s\""), "a,b", "");
            case 7 -> new Stmt("{\"a\": a} " + pick(":=", "=") + " " + b, "a", "");
            case 8 -> new Stmt("{k: v} = " + b + "\n\tk = " + pick("\"a\"", "1", "\"k\""), "k,v", "");
            case 9 -> new Stmt("walk(" + b + ", [p, w])", "p,w", "");
            case 10 -> new Stmt("[p, w] := walk(" + b + ")", "p,w", "");
            case 11 -> new Stmt("s := {k | " + b + "[k]} " + op + " {v | v := " + b + "[_]}", "s", "");
            case 12 -> new Stmt("s := {x | some x in " + b + "} " + op + " " + pick("strs", "{1}", "{k | obj[k]}", "[1]"), "s", "");
            case 13 -> new Stmt("some i\n\tc := [x | x := " + b + "[i]]" + (r.nextInt(3) == 0 ? "\n\td := [y | y := " + b + "[i]]" : ""), "c", "");
            case 14 -> new Stmt("n := " + pick("z_any()", "z_union()", "z_str()", "obj()", "keys_of()", "z_any(1)"), "n", "");
            case 15 -> new Stmt("n := " + pick("count(" + b + ") with count as fake_count",
                    "upper(\"a\") with upper as fake_upper",
                    "concat(\",\", [\"a\"]) with concat as fake_concat",
                    "count(" + b + ") with count as " + pick("ident", "keys_of", "5", "fake_upper")), "n", "");
            case 16 -> new Stmt("n := scaled with input as " + pick("{\"n\": 1}", "[{\"n\": 1}, {\"n\": 4}][_]",
                    b + "[_]", "{\"n\": count(" + b + ")}"), "n", "");
            case 17 -> new Stmt("n := scaled with input.n as " + b + "[_]", "n", "");
            case 18 -> new Stmt("v := mc(" + pick("1", "\"x\"", b + "[_]", b) + ")", "v", "");
            case 19 -> new Stmt("x := keys_of(" + b + ") " + op + " " + pick("strs", "keys_of(input)", "{1}"), "x", "");
            case 20 -> new Stmt("some k\n\t" + b + "[k]", "k", "");
            case 21 -> new Stmt("k := " + pick("\"a\"", "1", "input.x") + "\n\tc := [k | " + b + "[_] == k; k := 2]", "k,c", "");
            case 22 -> new Stmt("x := {[p, v] | walk(" + b + ", [p, v])}", "x", "");
            case 24 -> new Stmt("every e in " + b + " { " + pick("e != null", "e.id", "is_string(e)", "e + 1 > 0") + " }", "", "");
            case 25 -> new Stmt("count(" + b + ", n)", "n", "");
            case 26 -> new Stmt("v := " + b + "[k]." + pick("id", "a", "k"), "k,v", "");
            case 27 -> new Stmt("some k, v in " + b + "\n\t" + pick("not v == 1", "not " + b + "[k]", "k in " + b,
                    "k, v in " + b, "not upper(k) == \"A\""), "k,v", "");
            case 28 -> new Stmt("x := object.get(" + b + ", " + pick("\"a\"", "[\"a\", \"b\"]", "k") + ", 0)", "x", "");
            case 29 -> new Stmt("[_, x] := " + pick("input.pairs[_]", b + "[_]", "[1, 2]"), "x", "");
            default -> new Stmt("x := {k: v | v := " + b + "[k]}\n\tx[y]", "x,y", "");
        };
    }

    /** A statement using bound vars in a way the type checker judges (null when none fits). */
    private Stmt use(Set<String> bound) {
        List<Stmt> options = List.of(
                new Stmt("t := k + 1", "t", "k"),
                new Stmt("t := upper(k)", "t", "k"),
                new Stmt("t := count(v)", "t", "v"),
                new Stmt("t := v.id", "t", "v"),
                new Stmt("t := v[0]", "t", "v"),
                new Stmt("t := s | {1}", "t", "s"),
                new Stmt("t := concat(\"\", [a])", "t", "a"),
                new Stmt("t := a + b", "t", "a,b"),
                new Stmt("t := w[0]", "t", "w"),
                new Stmt("t := p[0]", "t", "p"),
                new Stmt("t := n + 1", "t", "n"),
                new Stmt("t := upper(n)", "t", "n"),
                new Stmt("k == \"a\"", "", "k"),
                new Stmt("not v", "", "v"),
                new Stmt("t := x[_]", "t", "x"),
                new Stmt("t := c[0] + 1", "t", "c"),
                new Stmt("some j in s", "j", "s"),
                new Stmt("y == 1\n\tsome y", "y", ""),
                new Stmt("t := [q | q := v[_]; q := 1]", "t", "v"));
        List<Stmt> fit = new ArrayList<>();
        for (Stmt s : options) if (bound.containsAll(s.needs()) || r.nextInt(12) == 0) fit.add(s);
        return fit.isEmpty() ? null : fit.get(r.nextInt(fit.size()));
    }
}
