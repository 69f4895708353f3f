package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs a {@code builtins/NAME.cases} file: lines {@code call(args) TAB expected}, where expected
 * was observed with OPA 1.4.2 (see gen_cases.py beside the files): the JSON value, {@code undefined},
 * or {@code error TYPE|BUILTIN: message} (what strict builtin errors report).
 */
final class OpaCases {
    private OpaCases() {}

    static List<DynamicTest> load(String name) {
        String resource = "/builtins/" + name + ".cases";
        List<DynamicTest> tests = new ArrayList<>();
        try (InputStream in = OpaCases.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing " + resource);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int no = 0;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
                int tab = line.lastIndexOf('\t');
                if (tab < 0) throw new IllegalStateException(resource + ":" + no + ": no expected value");
                String call = line.substring(0, tab), expected = line.substring(tab + 1);
                tests.add(DynamicTest.dynamicTest(name + ":" + no + " " + call, () -> check(call, expected)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tests;
    }

    static void check(String call, String expected) {
        int open = call.indexOf('(');
        String fn = call.substring(0, open).strip();
        String inner = call.substring(open + 1, call.lastIndexOf(')'));
        Value[] args = TestContext.args(inner);
        TestContext ctx = new TestContext();
        String actual;
        try {
            Value v = ctx.call(fn, args);
            actual = v == null ? "undefined" : Json.write(v);
        } catch (BuiltinException e) {
            actual = "error " + e.kind() + ": " + e.getMessage();
        }
        assertEquals(expected, actual, call);
    }
}
