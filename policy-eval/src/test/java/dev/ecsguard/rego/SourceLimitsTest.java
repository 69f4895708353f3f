package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.SourceLimits;
import dev.ecsguard.rego.errors.ErrorKind;
import dev.ecsguard.rego.errors.Location;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Deep and large programs (issue "Limits that hold"): what OPA 1.4.2 evaluates (10,000 chained
 * {@code +} terms or {@code else} branches) ecs-guard evaluates too, from a caller with a small
 * stack; beyond the source limits the answer is a {@code rego_parse_error} at the place the limit
 * is crossed, never a StackOverflowError.
 */
class SourceLimitsTest {
    private static final String P = "package p\n";

    /** Runs the work on a thread with a 256 KiB stack, as a caller that knows nothing of depth. */
    private static <T> T onSmallStack(Supplier<T> work) {
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                out.set(work.get());
            } catch (Throwable e) {
                out.set(e);
            }
        }, "small-stack", 256 << 10);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        if (out.get() instanceof RuntimeException e) throw e;
        if (out.get() instanceof Throwable e) throw new AssertionError("unexpected " + e, e);
        @SuppressWarnings("unchecked") T r = (T) out.get();
        return r;
    }

    private static String eval(String module, String query) {
        return onSmallStack(() -> {
            List<QueryResult> r = Rego.builder().module("p.rego", module).build().prepare(query).eval(null);
            return r.isEmpty() ? "undefined" : Json.write(r.get(0).expressions().get(0).value());
        });
    }

    private static RegoError buildError(String module, SourceLimits limits) {
        RegoException e = assertThrows(RegoException.class,
                () -> onSmallStack(() -> Rego.builder().module("p.rego", module).sourceLimits(limits).build()));
        assertEquals(1, e.errors().size(), e::getMessage);
        return e.first();
    }

    private static String plusChain(int n) {
        return P + "x := " + String.join(" + ", java.util.Collections.nCopies(n, "1")) + "\n";
    }

    private static String elseChain(int n) {
        return P + "f(v) := 0 if { v == 0 }\n"
                + IntStream.range(1, n).mapToObj(i -> "else := " + i + " if { v == " + i + " }\n").collect(Collectors.joining())
                + "x := f(" + (n - 1) + ")\n";
    }

    @Test
    void tenThousandChainedPlusTermsEvaluate() {
        assertEquals("10000", eval(plusChain(10_000), "data.p.x"));
    }

    @Test
    void tenThousandElseBranchesEvaluate() {
        assertEquals("9999", eval(elseChain(10_000), "data.p.x"));
    }

    @Test
    void tenThousandNestedParenthesesAndArraysEvaluate() {
        assertEquals("1", eval(P + "x := " + "(".repeat(10_000) + "1" + ")".repeat(10_000) + "\n", "data.p.x"));
        assertEquals("20001", eval(P + "x := " + "[".repeat(10_000) + "1" + "]".repeat(10_000) + "\n",
                "count(json.marshal(data.p.x))"));
    }

    @Test
    void aQueryOfTenThousandChainedTermsEvaluates() {
        assertEquals("10000", eval(P, String.join(" + ", java.util.Collections.nCopies(10_000, "1"))));
    }

    @Test
    void nestingBeyondTheLimitIsAParseErrorWhereItIsCrossed() {
        RegoError parens = buildError(P + "x := " + "(".repeat(20_001) + "1" + ")".repeat(20_001) + "\n", SourceLimits.DEFAULT);
        assertEquals(ErrorKind.PARSE, parens.kind());
        assertEquals("nesting too deep (limit 20000 levels)", parens.message());
        assertEquals(new Location("p.rego", 2, 6 + 20_000), parens.location());

        RegoError plus = buildError(plusChain(20_001), SourceLimits.DEFAULT);
        assertEquals(ErrorKind.PARSE, plus.kind());
        assertEquals("nesting too deep (limit 20000 levels)", plus.message());
        assertEquals(2, plus.location().row());
    }

    @Test
    void anElseChainBeyondTheLimitIsAParseErrorNotAVersionGuess() {
        // Without a version the module is tried as v1, then as v0; a limit ends that search.
        RegoError e = buildError(elseChain(20_001), SourceLimits.DEFAULT);
        assertEquals(ErrorKind.PARSE, e.kind());
        assertEquals("nesting too deep (limit 20000 levels)", e.message());
        assertTrue(e.location().row() > 20_000, () -> "at " + e.location());
    }

    @Test
    void smallLimitsBoundSizeLinesAndDepth() {
        SourceLimits small = new SourceLimits(200, 40, 10);
        RegoError size = buildError(P + "x := 1\n".repeat(40), small);
        assertEquals("module exceeds the maximum size (290 > 200 characters)", size.message());
        assertEquals(new Location("p.rego", 29, 2), size.location());

        RegoError line = buildError(P + "x := \"" + "a".repeat(50) + "\"\n", small);
        assertEquals("line exceeds the maximum length (57 > 40 characters)", line.message());
        assertEquals(new Location("p.rego", 2, 41), line.location());

        RegoError deep = buildError(P + "x := 1+1+1+1+1+1+1+1+1+1+1+1\n", small);
        assertEquals("nesting too deep (limit 10 levels)", deep.message());
        assertEquals(ErrorKind.PARSE, deep.kind());

        assertEquals("3", onSmallStack(() -> Json.write(Rego.builder().module("p.rego", P + "x := 1 + 1 + 1\n")
                .sourceLimits(small).build().prepare("data.p.x").eval(null).get(0).expressions().get(0).value())));
    }

    @Test
    void aQueryOverTheLimitsIsAParseError() {
        CompiledPolicy policy = Rego.builder().module("p.rego", P).sourceLimits(new SourceLimits(1000, 100, 5)).build();
        RegoException e = assertThrows(RegoException.class, () -> policy.prepare("[[[[[[1]]]]]]"));
        assertEquals(ErrorKind.PARSE, e.kind());
        assertEquals("nesting too deep (limit 5 levels)", e.first().message());
        assertEquals(new Location("", 1, 6), e.first().location());
        RegoException line = assertThrows(RegoException.class, () -> policy.prepare("x := \"" + "a".repeat(200) + "\""));
        assertEquals("line exceeds the maximum length (207 > 100 characters)", line.first().message());
    }

    /** OPA's bound on number literals: a binary exponent beyond +-100000 is "number too big". */
    @Test
    void numberLiteralsBeyondOpasBoundAreNumberTooBig() {
        for (String lit : List.of("1e30103", "1e-30104", "123456789e30095")) {
            RegoError e = buildError(P + "x := " + lit + "\n", SourceLimits.DEFAULT);
            assertEquals("number too big", e.message(), lit);
            assertEquals(new Location("p.rego", 2, 6), e.location(), lit);
        }
        // OPA reports the negative literal where its digits start (and then a second error)
        RegoException negative = assertThrows(RegoException.class,
                () -> onSmallStack(() -> Rego.builder().module("p.rego", P + "x := -1e30103\n").build()));
        assertEquals("number too big", negative.first().message());
        assertEquals(new Location("p.rego", 2, 7), negative.first().location());
        assertEquals("true", eval(P + "x := 1e30102 > 0\n", "data.p.x"));
        assertEquals("true", eval(P + "x := 1e-30103 > 0\n", "data.p.x"));
    }

    @Test
    void theParserCalledDirectlyFromASmallStackParsesALongChain() {
        dev.ecsguard.rego.ast.Module m = onSmallStack(() -> dev.ecsguard.rego.ast.Parser.parseModule(plusChain(10_000), "p.rego",
                dev.ecsguard.rego.ast.RegoVersion.V1));
        assertEquals(1, m.rules().size());
    }

    /** Shallow programs evaluate on the caller's thread (no hand-over per call); deep ones on a deep-stack thread. */
    @Test
    void onlyDeepProgramsAreHandedToADeepStackThread() {
        for (int n : new int[] {10, 1_000}) {
            CompiledPolicy policy = Rego.builder().module("p.rego", P + "x := " + "[".repeat(n) + "1" + "]".repeat(n) + "\n").build();
            PreparedQuery q = policy.prepare("print(\"here\"); data.p.x");
            AtomicReference<Thread> evaluatedOn = new AtomicReference<>();
            q.eval(null, dev.ecsguard.rego.eval.EvalOptions.DEFAULT.withPrint(line -> evaluatedOn.set(Thread.currentThread())));
            boolean deep = dev.ecsguard.rego.stack.DeepStack.current() || evaluatedOn.get() != Thread.currentThread();
            assertEquals(n > dev.ecsguard.rego.stack.DeepStack.SHALLOW_DEPTH, deep, "nesting " + n + " evaluated on " + evaluatedOn.get());
        }
    }
}
