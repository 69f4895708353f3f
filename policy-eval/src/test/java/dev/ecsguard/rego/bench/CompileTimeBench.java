package dev.ecsguard.rego.bench;

import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.Module;
import dev.ecsguard.rego.ast.Parser;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The compiler's own cost, in CPU time of the compiling thread: the starter policies
 * ({@code policies/}, tests included) and a generated 450-rule policy, each parsed once and
 * compiled {@code runs} times after {@code warmup} compiles (parsing is not measured). Prints the
 * median and mean per compile. Not a test: run it by hand before and after a compiler change.
 * <pre>
 * mvn -B -q -pl policy-eval dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp policy-eval/target/classes:policy-eval/target/test-classes:$(cat cp.txt) \
 *     dev.ecsguard.rego.bench.CompileTimeBench policies 60 20
 * </pre>
 */
public final class CompileTimeBench {
    private CompileTimeBench() {}

    public static void main(String[] args) throws IOException {
        Path policies = Path.of(args.length > 0 ? args[0] : "policies");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Module> starter = parseDirectory(policies);
        List<Module> synthetic = List.of(Parser.parseModule(syntheticPolicy(450), "synthetic.rego", null));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < warmup; i++) {
            compile(starter);
            compile(synthetic);
        }
        long[] a = new long[runs], b = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = mx.getCurrentThreadCpuTime();
            compile(starter);
            long t1 = mx.getCurrentThreadCpuTime();
            compile(synthetic);
            long t2 = mx.getCurrentThreadCpuTime();
            a[i] = t1 - t0;
            b[i] = t2 - t1;
        }
        report("starter policies (" + starter.size() + " modules)", a);
        report("synthetic 450-rule policy", b);
    }

    private static void compile(List<Module> modules) {
        Rego.Builder b = Rego.builder();
        for (Module m : modules) b.module(m);
        b.build();
    }

    private static void report(String what, long[] cpuNs) {
        long[] s = cpuNs.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf(Locale.ROOT, "%-40s compile CPU median %.2f ms, mean %.2f ms, min %.2f ms (%d runs)%n",
                what, s[s.length / 2] / 1e6, mean / 1e6, s[0] / 1e6, s.length);
    }

    private static List<Module> parseDirectory(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".rego")).sorted().toList();
        }
        List<Module> out = new ArrayList<>();
        for (Path f : files) out.add(Parser.parseModule(Files.readString(f, StandardCharsets.UTF_8), f.toString(), null));
        return out;
    }

    /**
     * A policy of {@code n} rules in the shapes real libraries use: partial sets over input with
     * iteration and messages, helper functions, comprehensions, {@code every}, object rules
     * that refer to each other.
     */
    static String syntheticPolicy(int n) {
        StringBuilder sb = new StringBuilder("package synthetic\n\nimport rego.v1\n\n");
        for (int i = 0; i < n; i++) {
            switch (i % 6) {
                case 0 -> sb.append("deny contains msg if {\n  some c in input.containers\n  c.name == \"c").append(i)
                        .append("\"\n  not allowed_").append(i + 1).append("(c)\n  msg := sprintf(\"container %s: rule ")
                        .append(i).append("\", [c.name])\n}\n\n");
                case 1 -> sb.append("allowed_").append(i).append("(c) if {\n  some p in c.ports\n  p.hostPort > ").append(i)
                        .append("\n  startswith(c.image, \"registry.example/\")\n}\n\n");
                case 2 -> sb.append("names_").append(i).append(" := {n | some c in input.containers; n := lower(c.name); count(n) > ")
                        .append(i % 7).append("}\n\n");
                case 3 -> sb.append("ok_").append(i).append(" if {\n  every c in input.containers {\n    c.memory >= ").append(i)
                        .append("\n    object.get(c, \"essential\", true)\n  }\n  count(names_").append(i - 1).append(") < 50\n}\n\n");
                case 4 -> sb.append("limits_").append(i).append("[name] := v if {\n  some c in input.containers\n  name := c.name\n  v := {\"cpu\": c.cpu * 2, \"mem\": c.memory + ")
                        .append(i).append("}\n}\n\n");
                default -> sb.append("warn contains {\"rule\": ").append(i).append(", \"name\": k} if {\n  some k, v in limits_").append(i - 1)
                        .append("\n  v.cpu > 1024\n  not ok_").append(i - 2).append("\n}\n\n");
            }
        }
        return sb.toString();
    }
}
