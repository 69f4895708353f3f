package dev.ecsguard.rego;

import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.stack.DeepStack;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Inputs and policies an attacker would write, each of which once crashed, stalled or bloated the
 * engine (issue "Limits that hold"). Every probe must end in its documented outcome (README,
 * "Limits") within a bound on CPU time and on allocation, with the Lambda's own limits (2 s,
 * 5,000,000 steps). CI runs this class in a JVM of its own with {@code -Xmx256m -Xss1m} (the
 * {@code hostile-inputs} surefire execution of policy-eval), so a probe that needed a big heap or
 * stack fails there with an OutOfMemoryError or StackOverflowError instead of passing quietly.
 */
class HostileInputTest {
    /** The Lambda's defaults: EVAL_TIMEOUT_MS 2000, EVAL_MAX_STEPS 5000000. */
    static final EvalOptions LAMBDA = EvalOptions.DEFAULT.withLimits(5_000_000, Duration.ofSeconds(2), 1_000);
    /**
     * The Lambda's step limit with a deadline far away, for probes whose documented outcome is a
     * size or step limit: on a loaded machine the 2 s deadline could otherwise come first.
     */
    static final EvalOptions LIMITS = EvalOptions.DEFAULT.withLimits(5_000_000, Duration.ofSeconds(60), 1_000);
    static final EvalOptions STRICT = LIMITS.withStrict(true);

    /** How long an error that needs no waiting may take (a cold JIT included). */
    static final long PROMPT_MS = 1_500;
    /** How long a probe that runs into the 2 s deadline may take in all. */
    static final long DEADLINE_MS = 3_000;
    /** Extra wall-clock time a probe may take on a loaded machine. */
    static final long WALL_SLACK_MS = 10_000;
    /** No probe may allocate more than this (the largest result the limits allow is 16 Mi characters). */
    static final long MAX_ALLOCATED = 768L << 20;

    /** The expected outcome: an error of a kind whose message contains a fragment, or a JSON value. */
    record Expect(ErrorKind kind, String fragment, String value) {
        static Expect error(ErrorKind kind, String fragment) { return new Expect(kind, fragment, null); }
        static Expect value(String json) { return new Expect(null, null, json); }
        static Expect undefined() { return new Expect(null, null, "undefined"); }
    }

    record Probe(String name, String module, String query, Supplier<Value> input, EvalOptions options, Expect expect,
                 long maxMillis) {
        @Override public String toString() { return name; }
    }

    private static final String P = "package p\n";

    /** An object from alternating keys and values (a String value becomes a string). */
    private static Value obj(Object... kv) {
        ObjectValue.Builder b = ObjectValue.builder();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            b.put(StringValue.of((String) kv[i]), v instanceof String str ? StringValue.of(str) : (Value) v);
        }
        return b.build();
    }

    private static Supplier<Value> input(String key, Value v) {
        return () -> obj(key, v);
    }

    private static Supplier<Value> inputString(String key, Supplier<String> s) {
        return () -> obj(key, s.get());
    }

    private static String nested(int n, String open, String inner, String close) {
        return open.repeat(n) + inner + close.repeat(n);
    }

    static Stream<Probe> probes() {
        return Stream.of(
                // ---- regular expressions and globs ----
                new Probe("regex compile bomb from an event value (strict)", P, "regex.match(input.p, \"a\")",
                        inputString("p", () -> "((((a{100}){100}){100}){100})"), STRICT,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "regex.match: error parsing regexp: invalid repeat count: `{100}`"), PROMPT_MS),
                new Probe("regex compile bomb from an event value (undefined, as OPA)", P, "regex.match(input.p, \"a\")",
                        inputString("p", () -> "((((a{100}){100}){100}){100})"), LIMITS, Expect.undefined(), PROMPT_MS),
                new Probe("regex nested 1000 groups deep", P, "regex.match(input.p, \"a\")",
                        inputString("p", () -> nested(1000, "(", "a", ")")), STRICT,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "error parsing regexp: expression nests too deeply"), PROMPT_MS),
                new Probe("regex nested 100000 non-capturing groups (engine limit)", P, "regex.match(input.p, \"a\")",
                        inputString("p", () -> nested(100_000, "(?:", "a", ")")), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "regex.match: regular expression nests groups deeper than the limit (1000)"), PROMPT_MS),
                new Probe("regex program over the size limit", P, "regex.match(input.p, \"a\")",
                        inputString("p", () -> "[a-z]{1000}".repeat(200)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "regex.match: regular expression exceeds the program size limit"), PROMPT_MS),
                new Probe("regex of 50,000 instructions on 100,000 characters runs into the deadline", P,
                        "regex.match(input.p, input.s)",
                        () -> obj("p", StringValue.of("[a-z]{1000}".repeat(50) + "!"), "s", StringValue.of("ab".repeat(50_000))), LAMBDA,
                        Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its"), DEADLINE_MS),
                new Probe("glob *a x2000 + b on 100,000 characters: OPA's false, at once", P, "glob.match(input.p, null, input.s)",
                        () -> obj("p", StringValue.of("*a".repeat(2000) + "b"), "s", StringValue.of("a".repeat(100_000))), LAMBDA,
                        Expect.value("false"), PROMPT_MS),
                new Probe("glob *a x2000 on 100,000 characters matches", P, "glob.match(input.p, null, input.s)",
                        () -> obj("p", StringValue.of("*a".repeat(2000)), "s", StringValue.of("a".repeat(100_000))), LAMBDA,
                        Expect.value("true"), PROMPT_MS),
                new Probe("glob *a x2000 + b with separators on 100,000 characters", P, "glob.match(input.p, [\".\"], input.s)",
                        () -> obj("p", StringValue.of("*a".repeat(2000) + "b"), "s", StringValue.of("a".repeat(100_000))), LAMBDA,
                        Expect.value("false"), PROMPT_MS),
                new Probe("glob **(a*)x2000b** on 2,000 dotted runs of 50", P, "glob.match(input.p, [\".\"], input.s)",
                        () -> obj("p", StringValue.of("**" + "a*".repeat(2000) + "b**"), "s", StringValue.of(("a".repeat(50) + ".").repeat(2000))),
                        LAMBDA, Expect.value("false"), PROMPT_MS),
                new Probe("glob **x.*y** (separator in a literal) on 100,000 characters", P, "glob.match(input.p, [\".\"], input.s)",
                        () -> obj("p", StringValue.of("**" + "x.*".repeat(50) + "y**"), "s", StringValue.of("x.".repeat(50_000))),
                        LAMBDA, Expect.value("false"), PROMPT_MS),
                new Probe("glob with a class, *[ab] x2000 + c on 100,000 characters, runs into the deadline", P,
                        "glob.match(input.p, null, input.s)",
                        () -> obj("p", StringValue.of("*[ab]".repeat(2000) + "c"), "s", StringValue.of("a".repeat(100_000))), LAMBDA,
                        null, DEADLINE_MS),
                new Probe("regex.replace that copies every character of 100,000 1,000 times", P,
                        "regex.replace(input.s, \".\", input.t)",
                        () -> obj("s", "a".repeat(100_000), "t", "$0".repeat(1000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "regex.replace: result exceeds the maximum string length"), DEADLINE_MS),
                new Probe("regex.find_all_string_submatch_n with 900 nested groups on 20,000 characters", P,
                        "count(regex.find_all_string_submatch_n(input.p, input.s, -1))",
                        () -> obj("p", StringValue.of(nested(900, "(", "a+", ")")), "s", StringValue.of("a".repeat(20_000))), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "result exceeds the maximum string length"), DEADLINE_MS),

                // ---- strings ----
                new Probe("strings.replace_n turns 4 MB into 1.6 GB", P, "strings.replace_n({\"a\": input.x}, input.s)",
                        () -> obj("s", StringValue.of("a".repeat(4_000_000)), "x", StringValue.of("x".repeat(400))), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "strings.replace_n: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("strings.replace_n with 10,000 keys on 4 MB", P, "strings.replace_n(input.keys, input.s)",
                        () -> {
                            ObjectValue.Builder keys = ObjectValue.builder();
                            for (int i = 0; i < 10_000; i++) keys.put(StringValue.of("k" + i), StringValue.of("v"));
                            return obj("keys", keys.build(), "s", StringValue.of("a".repeat(4_000_000)));
                        }, LIMITS, Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its step limit"), PROMPT_MS),
                new Probe("replace of every character of 4 MB by 100", P, "replace(input.s, \"a\", input.x)",
                        () -> obj("s", StringValue.of("a".repeat(4_000_000)), "x", StringValue.of("x".repeat(100))), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "replace: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("replace of the empty string in 4 MB", P, "replace(input.s, \"\", \"xxxxxxxx\")",
                        inputString("s", () -> "a".repeat(4_000_000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "replace: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("concat of a 4 MB string five times", P, "concat(\"\", [input.s, input.s, input.s, input.s, input.s])",
                        inputString("s", () -> "a".repeat(4_000_000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "concat: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("sprintf with 100 widths of 999,999", P, "sprintf(concat(\"\", [\"%999999d\" | some _ in numbers.range(1, 100)]), input.args)",
                        input("args", ArrayValue.of(java.util.Collections.nCopies(100, NumberValue.of(1)))), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "sprintf: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("split of 4 MB into characters", P, "count(split(input.s, \"\"))",
                        inputString("s", () -> "a".repeat(4_000_000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "split: result exceeds the maximum collection size"), PROMPT_MS),
                new Probe("strings.render_template with three nested ranges of 1,000", P,
                        "strings.render_template(\"{{range .a}}{{range $.a}}{{range $.a}}x{{end}}{{end}}{{end}}\", {\"a\": numbers.range(1, 1000)})",
                        () -> null, LIMITS, Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its step limit"), DEADLINE_MS),
                new Probe("json.marshal_with_options with a 100,000-character indent", P,
                        "json.marshal_with_options(input.doc, {\"indent\": input.indent})",
                        () -> obj("indent", StringValue.of(" ".repeat(100_000)), "doc", Json.parse("[[[[" + "1,".repeat(1000) + "1]]]]")), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "json.marshal_with_options: result exceeds the maximum string length"), PROMPT_MS),

                // ---- numbers ----
                new Probe("1e10000000 + 1 (a number from the event)", P, "input.n + 1",
                        () -> Json.parse("{\"n\": 1e10000000}"), STRICT,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "plus: number too big"), PROMPT_MS),
                new Probe("1e10000000 + 1 is an error even without strict builtin errors", P, "x := input.n + 1",
                        () -> Json.parse("{\"n\": 1e10000000}"), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "plus: number too big"), PROMPT_MS),
                new Probe("squaring 1e20000", P, "input.n * input.n",
                        () -> Json.parse("{\"n\": 1e20000}"), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "mul: number too big"), PROMPT_MS),
                new Probe("1e30000 + 1 stays exact (inside OPA's parser bound)", P, "count(sprintf(\"%d\", [input.n + 1]))",
                        () -> Json.parse("{\"n\": 1e30000}"), LIMITS, Expect.value("30001"), PROMPT_MS),
                new Probe("bits.lsh(1, 2^20)", P, "bits.lsh(1, input.n)", input("n", NumberValue.of(1 << 20)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "bits.lsh: number too big"), PROMPT_MS),
                new Probe("units.parse of 1e100000", P, "units.parse(input.s)", inputString("s", () -> "1e100000"), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "units.parse: number too big"), PROMPT_MS),
                new Probe("units.parse_bytes of 1e-30000", P, "units.parse_bytes(input.s)", inputString("s", () -> "1e-30000"), LIMITS,
                        Expect.value("0"), PROMPT_MS),
                new Probe("time.format of 1e10000000 ns", P, "time.format(input.n)", () -> Json.parse("{\"n\": 1e10000000}"), STRICT,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "timestamp too big"), PROMPT_MS),
                new Probe("numbers.range(1, 1e9)", P, "count(numbers.range(1, input.n))", input("n", NumberValue.of(1_000_000_000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "numbers.range: result exceeds the maximum collection size"), PROMPT_MS),
                new Probe("numbers.range(1, 1e10000000)", P, "count(numbers.range(1, input.n))", () -> Json.parse("{\"n\": 1e10000000}"), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "numbers.range: number too big"), PROMPT_MS),
                new Probe("net.cidr_expand of 0.0.0.0/0", P, "count(net.cidr_expand(input.c))", inputString("c", () -> "0.0.0.0/0"), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "net.cidr_expand: result exceeds the maximum collection size"), PROMPT_MS),

                // ---- documents ----
                new Probe("json.patch that copies the document into itself 40 times", P, "count(json.marshal(json.patch({\"a\": 1}, input.ops)))",
                        input("ops", ArrayValue.of(java.util.stream.IntStream.range(0, 40).mapToObj(i ->
                                Json.parse("{\"op\": \"copy\", \"from\": \"\", \"path\": \"/k" + i + "\"}")).toList())), LIMITS,
                        Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its step limit"), PROMPT_MS),
                new Probe("a value that shares its parts, 2^40 nodes, marshalled", P
                        + "a := [input.s, input.s]\nb := [a, a]\nc := [b, b]\nd := [c, c]\ne := [d, d]\nf := [e, e]\ng := [f, f]\nh := [g, g]\n"
                        + "i := [h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h, h]\n"
                        + "j := [i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i, i]\n",
                        "count(json.marshal(data.p.j))", inputString("s", () -> "x".repeat(1000)), LIMITS,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "json.marshal: result exceeds the maximum string length"), PROMPT_MS),
                new Probe("graph.reachable_paths on a complete graph of 30 vertices", P,
                        "count(graph.reachable_paths(input.g, [\"0\"]))",
                        () -> {
                            ObjectValue.Builder g = ObjectValue.builder();
                            Value[] all = new Value[30];
                            for (int i = 0; i < 30; i++) all[i] = StringValue.of(Integer.toString(i));
                            for (int i = 0; i < 30; i++) g.put(all[i], ArrayValue.of(all));
                            return obj("g", g.build());
                        }, LIMITS, Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its"), DEADLINE_MS),
                new Probe("walk over 1,000 chains 500 deep", P, "count([p | walk(input, [p, _])])",
                        () -> Json.parse("[" + String.join(",", java.util.Collections.nCopies(1000, "[".repeat(500) + "]".repeat(500))) + "]"),
                        LIMITS, Expect.error(ErrorKind.EVAL_LIMIT, "evaluation exceeded its"), DEADLINE_MS),
                new Probe("json.unmarshal of 100,000 nested arrays", P, "json.unmarshal(input.s)",
                        inputString("s", () -> "[".repeat(100_000) + "]".repeat(100_000)), STRICT,
                        Expect.error(ErrorKind.EVAL_BUILTIN, "json.unmarshal"), PROMPT_MS)
        );
    }

    /**
     * A hostile program, query or input text: everything from the text on (JSON input parsed,
     * module parsed and compiled, query prepared and evaluated) is measured.
     */
    record SourceProbe(String name, Supplier<String> module, Supplier<String> query, Supplier<String> inputJson,
                       Expect expect, long maxMillis) {
        @Override public String toString() { return name; }
    }

    private static String chain(int n, String op) {
        return String.join(" " + op + " ", java.util.Collections.nCopies(n, "1"));
    }

    private static String elseChain(int n) {
        StringBuilder b = new StringBuilder(P).append("f(v) := 0 if { v == 0 }\n");
        for (int i = 1; i < n; i++) b.append("else := ").append(i).append(" if { v == ").append(i).append(" }\n");
        return b.append("x := f(").append(n - 1).append(")\n").toString();
    }

    /** Longer than the evaluation probes: a cold parse and compile of thousands of nodes on a small heap. */
    static final long DEEP_MS = 8_000;

    static Stream<SourceProbe> sourceProbes() {
        return Stream.of(
                new SourceProbe("5,000 chained + terms in a rule", () -> P + "x := " + chain(5_000, "+") + "\n", () -> "data.p.x",
                        () -> null, Expect.value("5000"), DEEP_MS),
                new SourceProbe("5,000 chained - terms in a query", () -> P, () -> "0 - " + chain(5_000, "-"),
                        () -> null, Expect.value("-5000"), DEEP_MS),
                new SourceProbe("3,000 else branches", () -> elseChain(3_000), () -> "data.p.x",
                        () -> null, Expect.value("2999"), DEEP_MS),
                new SourceProbe("5,000 nested parentheses", () -> P + "x := " + nested(5_000, "(", "1", ")") + "\n",
                        () -> "data.p.x", () -> null, Expect.value("1"), DEEP_MS),
                new SourceProbe("5,000 nested arrays, objects and sets", () -> P + "x := " + nested(1_700, "[{\"a\": {", "1", "}}]") + "\n",
                        () -> "count(json.marshal(data.p.x))", () -> null, Expect.value(Integer.toString(1_700 * 10 + 1)), DEEP_MS),
                new SourceProbe("25,000 nested parentheses (over the nesting limit)", () -> P + "x := " + nested(25_000, "(", "1", ")") + "\n",
                        () -> "data.p.x", () -> null, Expect.error(ErrorKind.PARSE, "p.rego:2: rego_parse_error: nesting too deep (limit 20000 levels)"), PROMPT_MS),
                new SourceProbe("25,000 chained + terms (over the nesting limit)", () -> P + "x := " + chain(25_000, "+") + "\n",
                        () -> "data.p.x", () -> null, Expect.error(ErrorKind.PARSE, "nesting too deep (limit 20000 levels)"), DEEP_MS),
                new SourceProbe("25,000 nested arrays in a query", () -> P, () -> nested(25_000, "[", "1", "]"),
                        () -> null, Expect.error(ErrorKind.PARSE, "nesting too deep (limit 20000 levels)"), PROMPT_MS),
                new SourceProbe("a module of 5 Mi characters", () -> P + ("# " + "x".repeat(1000) + "\n").repeat(5 << 10),
                        () -> "data.p", () -> null, Expect.error(ErrorKind.PARSE, "module exceeds the maximum size (5135370 > 4194304 characters)"), PROMPT_MS),
                new SourceProbe("a line of 300,000 characters", () -> P + "x := \"" + "a".repeat(300_000) + "\"\n",
                        () -> "data.p.x", () -> null, Expect.error(ErrorKind.PARSE, "p.rego:2: rego_parse_error: line exceeds the maximum length (300007 > 262144 characters)"), PROMPT_MS),
                new SourceProbe("the number literal 1e30103", () -> P + "x := 1e30103\n", () -> "data.p.x", () -> null,
                        Expect.error(ErrorKind.PARSE, "p.rego:2: rego_parse_error: number too big"), PROMPT_MS),
                new SourceProbe("the number literal 1e-30104", () -> P + "x := 1e-30104\n", () -> "data.p.x", () -> null,
                        Expect.error(ErrorKind.PARSE, "number too big"), PROMPT_MS),
                new SourceProbe("input of 100,000 nested arrays", () -> P, () -> "input", () -> nested(100_000, "[", "1", "]"),
                        Expect.error(null, "invalid JSON: Document nesting depth (513) exceeds the maximum allowed (512"), PROMPT_MS),
                new SourceProbe("input of 500 nested arrays walked", () -> P, () -> "count([p | walk(input, [p, _])])",
                        () -> nested(500, "[", "1", "]"), Expect.value("501"), PROMPT_MS),
                new SourceProbe("input with a 4 MB line", () -> P, () -> "count(input.s)",
                        () -> "{\"s\": \"" + "a".repeat(4_000_000) + "\"}", Expect.value("4000000"), PROMPT_MS)
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sourceProbes")
    void sourceProbeEndsInItsDocumentedOutcome(SourceProbe p) {
        String module = p.module().get();
        String query = p.query().get();
        String json = p.inputJson().get();
        DeepStack.run(() -> {
            com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long tid = Thread.currentThread().threadId();
            long a0 = mx.getThreadAllocatedBytes(tid);
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            String outcome;
            RuntimeException error = null;
            try {
                Value in = json == null ? null : Json.parse(json);
                List<QueryResult> r = Rego.builder().module("p.rego", module).build().prepare(query).eval(in, LIMITS);
                outcome = r.isEmpty() ? "undefined" : Json.write(r.get(0).expressions().get(0).value());
            } catch (RegoException | Json.JsonException e) {
                error = e;
                outcome = (e instanceof RegoException re ? re.kind().code() + ": " : "") + e.getMessage();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
            long allocated = mx.getThreadAllocatedBytes(tid) - a0;
            System.out.printf("%-75s %6d ms (cpu %6d ms) %6d MB  %s%n", p.name(), ms, cpuMs, allocated >> 20,
                    outcome.length() > 120 ? outcome.substring(0, 120) + "..." : outcome);
            Expect e = p.expect();
            if (e.fragment() != null) {
                if (error == null) fail("expected \"" + e.fragment() + "\", got " + outcome);
                if (e.kind() != null) assertEquals(e.kind(), ((RegoException) error).kind(), outcome);
                else assertTrue(error instanceof Json.JsonException, outcome);
                assertTrue(error.getMessage().contains(e.fragment()), outcome);
            } else {
                assertEquals(e.value(), outcome);
            }
            assertTrue(cpuMs <= p.maxMillis(), () -> p.name() + " took " + cpuMs + " ms of CPU (bound " + p.maxMillis() + " ms)");
            assertTrue(ms <= p.maxMillis() + WALL_SLACK_MS, () -> p.name() + " took " + ms + " ms");
            assertTrue(allocated <= MAX_ALLOCATED, () -> p.name() + " allocated " + (allocated >> 20) + " MB");
        });
    }

    /** In the hostile-inputs execution the JVM really has the small heap the probes are meant for. */
    @BeforeAll
    static void smallHeapWhereRequired() {
        long maxMb = Runtime.getRuntime().maxMemory() >> 20;
        System.out.println("HostileInputTest: max heap " + maxMb + " MB");
        Long required = Long.getLong("ecsguard.hostile.maxHeapMb");
        if (required != null) assertTrue(maxMb <= required, "max heap " + maxMb + " MB, expected at most " + required + " MB");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("probes")
    void probeEndsInItsDocumentedOutcome(Probe p) {
        // The engine works on a deep-stack thread: measure there (CPU time and allocation are per thread).
        DeepStack.run(() -> measure(p));
    }

    private static void measure(Probe p) {
        CompiledPolicy policy = Rego.builder().module("p.rego", p.module()).build();
        PreparedQuery q = policy.prepare(p.query());
        Value in = p.input().get();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long a0 = mx.getThreadAllocatedBytes(tid);
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        List<QueryResult> results = null;
        RegoException caught = null;
        try {
            results = q.eval(in, p.options());
        } catch (RegoException e) {
            caught = e;
        }
        RegoException error = caught;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
        long allocated = mx.getThreadAllocatedBytes(tid) - a0;
        String outcome = error != null ? error.kind().code() + ": " + error.getMessage()
                : results.isEmpty() ? "undefined" : Json.write(results.get(0).expressions().get(0).value());
        System.out.printf("%-75s %6d ms (cpu %6d ms) %6d MB  %s%n", p.name(), ms, cpuMs, allocated >> 20,
                outcome.length() > 120 ? outcome.substring(0, 120) + "..." : outcome);
        Expect e = p.expect();
        if (e == null) {
            // Either OPA's answer or the deadline: never a hang, never a crash.
            assertTrue(error == null ? outcome.equals("false") : error.kind() == ErrorKind.EVAL_LIMIT, outcome);
        } else if (e.kind() != null) {
            if (error == null) fail("expected " + e.kind().code() + " \"" + e.fragment() + "\", got " + outcome);
            assertEquals(e.kind(), error.kind(), outcome);
            assertTrue(error.getMessage().contains(e.fragment()), () -> "message: " + error.getMessage());
        } else {
            assertEquals(e.value(), outcome);
        }
        // CPU time, so that a loaded CI machine does not fail the bound; wall time only as a hang check
        assertTrue(cpuMs <= p.maxMillis(), () -> p.name() + " took " + cpuMs + " ms of CPU (bound " + p.maxMillis() + " ms)");
        assertTrue(ms <= p.maxMillis() + WALL_SLACK_MS, () -> p.name() + " took " + ms + " ms");
        assertTrue(allocated <= MAX_ALLOCATED, () -> p.name() + " allocated " + (allocated >> 20) + " MB");
    }

    /** 30,000 distinct patterns taken from input, one per evaluation: the caches stay at their bounds. */
    @Test
    void manyDistinctPatternsFromInputKeepTheCachesBounded() {
        CompiledPolicy policy = Rego.builder().module("p.rego", P
                + "r := regex.match(input.p, input.s)\n"
                + "g := glob.match(input.p, [\".\"], input.s)\n"
                + "t := regex.template_match(concat(\"\", [\"{\", input.p, \"}\"]), input.s, \"{\", \"}\")\n").build();
        PreparedQuery q = policy.prepare("[data.p.r, data.p.g, data.p.t]");
        long t0 = System.nanoTime();
        for (int i = 0; i < 30_000; i++) {
            Value in = obj("p", StringValue.of("a" + i + "[0-9]*"), "s", StringValue.of("xa" + i + "42"));
            List<QueryResult> r = q.eval(in, LIMITS);
            assertEquals(1, r.size());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("30,000 distinct patterns: %d ms; cache entries regex %d, glob %d, templates %d, answers %d%n", ms,
                policy.cache.size("regex"), policy.cache.size("glob"), policy.cache.size("regex.template"),
                policy.cache.size("match.answers"));
        assertTrue(policy.cache.size("regex") <= 100);
        assertTrue(policy.cache.size("glob") <= 100);
        assertTrue(policy.cache.size("regex.template") <= 100);
        assertTrue(policy.cache.size("match.answers") <= 8192);
        assertNotNull(policy);
    }
}
