package dev.ecsguard.rego.testing;

import dev.ecsguard.rego.ast.Body;
import dev.ecsguard.rego.ast.Expr;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Rule;
import dev.ecsguard.rego.ast.Term;
import dev.ecsguard.rego.builtins.Builtin;
import dev.ecsguard.rego.builtins.BuiltinRegistry;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.types.Signature;
import dev.ecsguard.rego.types.Type;
import dev.ecsguard.rego.value.BooleanValue;
import dev.ecsguard.rego.value.NumberValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Line coverage of rule bodies, in the spirit of {@code opa test --coverage}, without hooks in the
 * evaluator: each rule body is rewritten so that a probe (a call of a private, non-deterministic
 * builtin that records its id and is always true) runs before every top-level expression of the
 * body and one more after the last. A body expression's line is covered when evaluation reached
 * it; a rule head's line is covered when the body succeeded (the rule produced a value). Default
 * rules are not instrumented; expressions inside comprehensions and {@code every} bodies count
 * with the line of the expression that contains them.
 *
 * <p>Probes are ground calls, so the compiler's safety reordering leaves them where they are; when
 * it moves a user expression ahead of the probes (an unsafe-first body), the attribution can be
 * off by one expression. One Coverage collects the hits of every evaluation made with its
 * registry (thread-safe).
 */
public final class Coverage {
    /** The probe builtin's name; not a valid name in Rego source, so it cannot collide. */
    static final String PROBE = "__ecsguard_coverage_probe__";

    /** One probe: where it counts, and whether it stands for a rule head. */
    record Probe(String file, int row, boolean head, String rule) {}

    private final List<Probe> probes = new ArrayList<>();
    private final Map<String, List<RuleInfo>> rulesByFile = new LinkedHashMap<>();
    private volatile AtomicIntegerArray hits = new AtomicIntegerArray(0);
    private final BuiltinRegistry registry;

    private record RuleInfo(String name, int row, int firstProbe, int headProbe) {}

    public Coverage(BuiltinRegistry base) {
        BuiltinRegistry r = BuiltinRegistry.empty();
        for (String n : base.names()) r.register(base.lookup(n));
        r.register(new Builtin(PROBE, Signature.of(Type.BOOLEAN, Type.NUMBER), (args, ctx) -> {
            long id = ((NumberValue) args[0]).longValue();
            if (id >= 0 && id < hits.length()) hits.incrementAndGet((int) id);
            return BooleanValue.TRUE;
        }, false, null));
        this.registry = r;
    }

    public Coverage() { this(BuiltinRegistry.standard()); }

    /** The registry to compile instrumented modules with (the base library plus the probe). */
    public BuiltinRegistry registry() { return registry; }

    /** Rewrites a module's rule bodies with probes. Call for every module before evaluating. */
    public synchronized Module instrument(Module m) {
        List<Rule> rules = new ArrayList<>(m.rules().size());
        List<RuleInfo> infos = rulesByFile.computeIfAbsent(m.file(), k -> new ArrayList<>());
        for (Rule r : m.rules()) rules.add(instrumentRule(r, m.file(), infos));
        AtomicIntegerArray grown = new AtomicIntegerArray(probes.size());
        for (int i = 0; i < hits.length(); i++) grown.set(i, hits.get(i));
        hits = grown;
        return new Module(m.file(), m.pkg(), m.imports(), rules, m.annotations(), m.version(), m.loc());
    }

    private Rule instrumentRule(Rule r, String file, List<RuleInfo> infos) {
        if (r.isDefault() || r.body() == null) return r;
        String name = r.head().toString();
        int first = probes.size();
        List<Expr> out = new ArrayList<>(r.body().size() * 2 + 1);
        for (Expr e : r.body().exprs()) {
            out.add(probe(e.loc(), file, false, name));
            out.add(e);
        }
        Location headLoc = r.loc() == null ? Location.NONE : r.loc();
        int headId = probes.size();
        out.add(probe(headLoc, file, true, name));
        infos.add(new RuleInfo(name, headLoc.row(), first, headId));
        List<Expr> numbered = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) numbered.add(out.get(i).withIndex(i));
        Rule elseRule = r.elseRule() == null ? null : instrumentRule(r.elseRule(), file, infos);
        return r.withParts(r.args(), r.key(), r.value(), new Body(numbered), elseRule);
    }

    private Expr probe(Location loc, String file, boolean head, String rule) {
        int id = probes.size();
        probes.add(new Probe(file, loc.row(), head, rule));
        Location l = loc == null ? Location.NONE : loc;
        Term.Call call = new Term.Call(new Term.Ref(new Term.Var(PROBE, l), List.of(), l),
                List.of(new Term.Scalar(NumberValue.of(id), l)), l);
        return new Expr(new Expr.TermExpr(call), l);
    }

    /** Coverage of one file: lines with probes that were reached, and those never reached. */
    public record FileCoverage(String file, TreeSet<Integer> covered, TreeSet<Integer> notCovered) {
        public double percent() {
            int all = covered.size() + notCovered.size();
            return all == 0 ? 100.0 : 100.0 * covered.size() / all;
        }
    }

    /** A rule clause (file:row) and whether its body was entered and whether it succeeded. */
    public record RuleCoverage(String file, int row, String name, boolean evaluated, boolean succeeded) {}

    /** The report: per file line sets, per rule clause status, totals. */
    public record Report(List<FileCoverage> files, List<RuleCoverage> rules) {
        public int coveredLines() { return files.stream().mapToInt(f -> f.covered().size()).sum(); }
        public int notCoveredLines() { return files.stream().mapToInt(f -> f.notCovered().size()).sum(); }
        public double percent() {
            int all = coveredLines() + notCoveredLines();
            return all == 0 ? 100.0 : 100.0 * coveredLines() / all;
        }
    }

    /** The coverage of every evaluation so far. */
    public synchronized Report report() {
        Map<String, TreeMap<Integer, Boolean>> lines = new LinkedHashMap<>();
        for (String f : rulesByFile.keySet()) lines.put(f, new TreeMap<>());
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            if (p.row() <= 0) continue;
            boolean hit = hits.get(i) > 0;
            lines.computeIfAbsent(p.file(), k -> new TreeMap<>()).merge(p.row(), hit, Boolean::logicalOr);
        }
        List<FileCoverage> files = new ArrayList<>();
        for (Map.Entry<String, TreeMap<Integer, Boolean>> e : lines.entrySet()) {
            TreeSet<Integer> cov = new TreeSet<>();
            TreeSet<Integer> not = new TreeSet<>();
            e.getValue().forEach((row, hit) -> (hit ? cov : not).add(row));
            files.add(new FileCoverage(e.getKey(), cov, not));
        }
        List<RuleCoverage> rules = new ArrayList<>();
        for (Map.Entry<String, List<RuleInfo>> e : rulesByFile.entrySet()) {
            for (RuleInfo ri : e.getValue()) {
                boolean entered = hits.get(ri.firstProbe()) > 0;
                boolean ok = hits.get(ri.headProbe()) > 0;
                rules.add(new RuleCoverage(e.getKey(), ri.row(), ri.name(), entered || ok, ok));
            }
        }
        return new Report(files, rules);
    }

    /** "3, 7-9, 12" */
    public static String ranges(TreeSet<Integer> rows) {
        StringBuilder sb = new StringBuilder();
        Integer start = null, prev = null;
        for (int r : rows) {
            if (prev != null && r == prev + 1) {
                prev = r;
                continue;
            }
            if (start != null) appendRange(sb, start, prev);
            start = r;
            prev = r;
        }
        if (start != null) appendRange(sb, start, prev);
        return sb.toString();
    }

    private static void appendRange(StringBuilder sb, int a, int b) {
        if (!sb.isEmpty()) sb.append(", ");
        sb.append(a);
        if (b != a) sb.append('-').append(b);
    }
}
