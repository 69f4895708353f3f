package dev.ecsguard.rego;

import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Whole-module cases for the parser and compiler: {@code rego/NAME.cases} files of blocks
 * <pre>
 * ### v1 data.test          (version, query)
 * package test              (the module, as test-0.rego)
 * p.a
 * &gt;&gt;&gt; error rego_parse_error: `contains` keyword is required for partial set rules
 * </pre>
 * A line {@code ---} starts another module (test-1.rego, ...). The expected outcome was observed with OPA 1.4.2 (rego/gen_cases.py rewrites it from opaeval):
 * the first error as {@code error CODE: message}, {@code undefined}, the JSON value of the one
 * result, or {@code results [...]} for several.
 */
class ModuleCasesTest {
    private static final String[] FILES = {"parser", "terms", "compiler", "typecheck"};

    @TestFactory
    Stream<DynamicTest> cases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String f : FILES) tests.addAll(load(f));
        return tests.stream();
    }

    private static List<DynamicTest> load(String name) {
        String resource = "/rego/" + name + ".cases";
        String text;
        try (InputStream in = ModuleCasesTest.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing " + resource);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].startsWith("### ")) continue;
            int headerLine = i + 1;
            String[] header = lines[i].substring(4).strip().split("\\s+", 2);
            RegoVersion version = header[0].equals("v0") ? RegoVersion.V0 : RegoVersion.V1;
            String query = header.length > 1 ? header[1] : "data";
            StringBuilder module = new StringBuilder();
            i++;
            while (i < lines.length && !lines[i].startsWith(">>> ")) module.append(lines[i++]).append('\n');
            if (i >= lines.length) throw new IllegalStateException(resource + ":" + headerLine + ": no >>> outcome");
            String expected = normalize(lines[i].substring(4));
            String src = module.toString();
            String title = name + ":" + headerLine + " " + src.strip().lines().skip(1).findFirst().orElse("");
            tests.add(DynamicTest.dynamicTest(title, () -> assertEquals(expected, outcome(version, query, src),
                    resource + ":" + headerLine + "\n" + src)));
        }
        return tests;
    }

    /** What the engine does with one module and query, in the form the case files use. */
    static String outcome(RegoVersion version, String query, String module) {
        List<QueryResult> results;
        try {
            Rego.Builder b = Rego.builder().version(version);
            String[] modules = module.split("\n---\n", -1);
            for (int i = 0; i < modules.length; i++) {
                b.module("test-" + i + ".rego", modules[i].endsWith("\n") ? modules[i] : modules[i] + "\n");
            }
            results = b.build().prepare(query).eval(ObjectValue.EMPTY);
        } catch (RegoException e) {
            RegoError first = e.first();
            String msg = first.message().replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
            return "error " + first.kind().code() + ": " + msg;
        }
        if (results.isEmpty()) return "undefined";
        if (results.size() == 1) return canonical(results.get(0).expressions().get(0).value());
        Value[] vs = new Value[results.size()];
        for (int i = 0; i < vs.length; i++) vs[i] = results.get(i).expressions().get(0).value();
        return "results " + canonical(ArrayValue.wrap(vs));
    }

    /** Expected values re-written by our JSON writer, so that only values (not spelling) are compared. */
    private static String normalize(String expected) {
        if (expected.startsWith("error ") || expected.equals("undefined")) return expected;
        if (expected.startsWith("results ")) return "results " + canonical(Json.parse(expected.substring(8)));
        return canonical(Json.parse(expected));
    }

    /** JSON as OPA prints it, with object keys sorted (the case files are written that way). */
    private static String canonical(Value v) {
        return Json.write(Json.parse(Json.write(v)));
    }
}
