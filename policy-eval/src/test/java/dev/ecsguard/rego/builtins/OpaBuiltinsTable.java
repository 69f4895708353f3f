package dev.ecsguard.rego.builtins;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import org.junit.jupiter.api.DynamicTest;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tables of builtin calls and the outcome the real OPA 1.4.2 produced for them (recorded with
 * {@code opaeval -strict-builtin-errors}, arguments passed through {@code input} so that type
 * errors are run-time errors). One line per case:
 * <pre>  name ¦ arg ¦ arg ⇒ expected</pre>
 * where arguments are Rego literals and expected is the JSON result, {@code undefined},
 * {@code TYPE: message} (eval_type_error) or {@code BUILTIN: message} (eval_builtin_error).
 */
final class OpaBuiltinsTable {
    private OpaBuiltinsTable() {}

    static List<DynamicTest> cases(String table) {
        return cases(table, new TestContext());
    }

    static List<DynamicTest> cases(String table, TestContext ctx) {
        List<DynamicTest> tests = new ArrayList<>();
        int lineNo = 0;
        for (String line : table.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            int arrow = line.lastIndexOf(" ⇒ ");
            if (arrow < 0) throw new IllegalArgumentException("line " + lineNo + ": no ⇒: " + line);
            String call = line.substring(0, arrow).trim();
            String expected = line.substring(arrow + 3).trim();
            String[] parts = call.split(" ¦ ", -1);
            String name = parts[0].trim();
            String[] args = new String[parts.length - 1];
            for (int i = 1; i < parts.length; i++) args[i - 1] = parts[i].trim();
            if (args.length == 1 && args[0].isEmpty()) args = new String[0];
            String[] finalArgs = args;
            tests.add(DynamicTest.dynamicTest(lineNo + ": " + call, () -> check(ctx, name, finalArgs, expected)));
        }
        return tests;
    }

    static void check(TestContext ctx, String name, String[] args, String expected) {
        String actual;
        try {
            Value r = ctx.callLit(name, args);
            if (r == null) {
                actual = "undefined";
            } else if (expected.startsWith("TYPE: ") || expected.startsWith("BUILTIN: ") || expected.equals("undefined")) {
                actual = Json.write(r);
            } else {
                // Compare as values (sets print as arrays; number spelling may differ).
                Value want = Json.parse(expected);
                Value got = Json.parse(Json.write(r));
                if (want.equals(got)) return;
                actual = Json.write(r);
            }
        } catch (BuiltinException e) {
            actual = switch (e.kind()) {
                case TYPE -> "TYPE: " + e.getMessage();
                case BUILTIN -> "BUILTIN: " + e.getMessage();
                case HALT -> "HALT: " + e.getMessage();
                case LIMIT -> "LIMIT: " + e.getMessage();
            };
        }
        assertEquals(expected, actual, name + " " + String.join(", ", args));
    }
}
