package dev.ecsguard.cli;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.PreparedQuery;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import org.apache.commons.cli.Option;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code ecs-guard bench}: an event's real cost. Compiles once (timed), then per iteration parses
 * an input's JSON bytes and evaluates the query, after warm-up iterations. With several inputs
 * ({@code -i} repeated, or a directory) the iterations cycle through them, so that caches keyed on
 * exact strings (the regex/glob answer memo) see distinct events as a Lambda does. The last line
 * printed is one JSON object: {@code compile_ms}, {@code inputs}, {@code eval_median_ns},
 * {@code eval_p99_ns}, {@code event_median_ns}, {@code event_mean_ns}, {@code event_p99_ns},
 * {@code alloc_bytes_per_event}; {@code event_mean_ns} compares with OPA's bench ({@code ns_per_op}).
 */
final class BenchCommand {
    static final Option INPUT = Option.builder("i").longOpt("input").hasArg().argName("FILE|DIR")
            .desc("Input document (JSON; parsed on every iteration). Repeatable; a directory stands for its *.json "
                    + "files in name order. Iterations cycle through the inputs.").get();
    static final Option MATCH_MEMO = Option.builder().longOpt("match-memo").hasArg().argName("on|off")
            .desc("The regex/glob answer memo (default: on); off measures the automata on every call.").get();
    static final Option COUNT = Option.builder().longOpt("count").hasArg().argName("N")
            .desc("Measured iterations (default: 5000).").get();
    static final Option WARMUP = Option.builder().longOpt("warmup").hasArg().argName("N")
            .desc("Warm-up iterations, not measured (default: 2000).").get();

    static final Subcommand COMMAND = new Subcommand("bench",
            "Benchmark a query: compile once, then parse an input and evaluate, per iteration; "
                    + "with several inputs (-i repeated, or a directory of *.json) the iterations cycle through them.",
            List.of("The last line is one JSON object with compile_ms, inputs, eval_median_ns, eval_p99_ns, event_median_ns, "
                    + "event_mean_ns, event_p99_ns and alloc_bytes_per_event (eval = evaluation only; "
                    + "event = JSON parse + evaluation)."),
            RegoCli.withPolicyOptions(INPUT, MATCH_MEMO, COUNT, WARMUP), "QUERY", 1, 1,
            List.of("0:ok", "1:parse, compile or evaluation error", "2:usage error (bad flags, unreadable or malformed files)"),
            BenchCommand::execute);

    List<Path> inputs = new ArrayList<>();
    String matchMemo;
    RegoCli.PolicyOptions policyOptions;
    int count;
    int warmup;
    String query;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        BenchCommand c = new BenchCommand();
        c.inputs = a.paths(INPUT);
        c.matchMemo = a.string(MATCH_MEMO, "on");
        c.policyOptions = RegoCli.PolicyOptions.of(a);
        c.count = a.integer(COUNT, 5000);
        c.warmup = a.integer(WARMUP, 2000);
        c.query = a.positionals().get(0);
        return c.call(out, err);
    }

    /** The figures, as printed on the last line. */
    record Result(double compileMs, int inputs, long evalMedianNs, long evalP99Ns, long eventMedianNs, long eventMeanNs,
                  long eventP99Ns, long allocBytesPerEvent) {
        String json() {
            return String.format(Locale.ROOT, "{\"compile_ms\":%.3f,\"inputs\":%d,\"eval_median_ns\":%d,\"eval_p99_ns\":%d,"
                            + "\"event_median_ns\":%d,\"event_mean_ns\":%d,\"event_p99_ns\":%d,\"alloc_bytes_per_event\":%d}",
                    compileMs, inputs, evalMedianNs, evalP99Ns, eventMedianNs, eventMeanNs, eventP99Ns, allocBytesPerEvent);
        }
    }

    int call(PrintWriter out, PrintWriter err) {
        if (count < 1 || warmup < 0) {
            err.println("ecs-guard bench: --count must be >= 1 and --warmup >= 0");
            err.flush();
            return 2;
        }
        if (!matchMemo.equals("on") && !matchMemo.equals("off")) {
            err.println("ecs-guard bench: --match-memo must be on or off");
            err.flush();
            return 2;
        }
        // read by each compiled policy's builtin cache when it is created
        System.setProperty(dev.ecsguard.rego.builtins.BuiltinCache.MEMO_PROPERTY, matchMemo);
        PolicyFiles.Loaded loaded;
        List<byte[]> bytes = new ArrayList<>();
        try {
            loaded = policyOptions.load();
            for (Path file : inputFiles(inputs)) {
                byte[] b = RegoCli.readInputBytes(file);
                PolicyFiles.parseJson(file.toString(), b);
                bytes.add(b);
            }
        } catch (Args.UsageError e) {
            err.println("ecs-guard bench: " + e.getMessage());
            err.flush();
            return 2;
        } catch (PolicyFiles.LoadException e) {
            err.println("ecs-guard bench: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            Result r = run(loaded, policyOptions.version(), query, bytes, warmup, count, out);
            out.println(r.json());
            out.flush();
            return 0;
        } catch (RegoException e) {
            RegoCli.printErrors(e, err);
            err.flush();
            return 1;
        }
    }

    /** The input files: each FILE as given, each DIR as its *.json files in name order. */
    static List<Path> inputFiles(List<Path> given) throws Args.UsageError {
        List<Path> files = new ArrayList<>();
        for (Path p : given) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (var s = Files.list(p)) {
                List<Path> json = s.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                        .sorted().toList();
                if (json.isEmpty()) throw new Args.UsageError(p + ": no *.json files in the directory");
                files.addAll(json);
            } catch (java.io.IOException e) {
                throw new Args.UsageError(p + ": cannot read: " + e.getMessage());
            }
        }
        return files;
    }

    /** One iteration's input: none, or the inputs in turn. */
    private static Value input(List<byte[]> bytes, int i) {
        return bytes.isEmpty() ? null : Json.parse(bytes.get(i % bytes.size()));
    }

    static Result run(PolicyFiles.Loaded loaded, dev.ecsguard.rego.ast.RegoVersion version, String query, List<byte[]> bytes,
                      int warmup, int count, PrintWriter out) {
        long c0 = System.nanoTime();
        CompiledPolicy policy = RegoCli.compile(loaded, version, null);
        PreparedQuery q = policy.prepare(query);
        double compileMs = (System.nanoTime() - c0) / 1e6;

        EvalOptions opts = EvalOptions.DEFAULT;
        List<QueryResult> first = q.eval(input(bytes, 0), opts);
        out.printf(Locale.ROOT, "query %s: %d result(s)%s%n", query, first.size(),
                first.isEmpty() ? " (undefined)" : ", first value " + abbreviate(Json.write(first.get(0).expressions().get(0).value())));
        long totalBytes = 0;
        for (byte[] b : bytes) totalBytes += b.length;
        out.printf(Locale.ROOT, "modules %d, inputs %d (%s bytes), warm-up %d, measured %d, match memo %s%n",
                loaded.modules().size(), bytes.size(), bytes.isEmpty() ? "no" : String.valueOf(totalBytes), warmup, count,
                policy.builtinCache().matchMemo() ? "on" : "off");

        int sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += q.eval(input(bytes, i), opts).size();
        }
        long[] evalNs = new long[count];
        long[] eventNs = new long[count];
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        boolean allocSupported = mx.isThreadAllocatedMemorySupported();
        if (allocSupported && !mx.isThreadAllocatedMemoryEnabled()) mx.setThreadAllocatedMemoryEnabled(true);
        long a0 = allocSupported ? mx.getThreadAllocatedBytes(tid) : 0;
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            Value in = input(bytes, warmup + i);
            long t1 = System.nanoTime();
            sink += q.eval(in, opts).size();
            long t2 = System.nanoTime();
            evalNs[i] = t2 - t1;
            eventNs[i] = t2 - t0;
        }
        long a1 = allocSupported ? mx.getThreadAllocatedBytes(tid) : 0;
        if (sink == Integer.MIN_VALUE) out.println();   // keeps the results observable
        long eventSum = 0;
        for (long v : eventNs) eventSum += v;
        // Compiling again in the warm JVM shows the compiler's own cost (the first compile above
        // also pays for class loading and interpretation, as the Lambda's init does).
        long[] warmCompile = new long[5];
        for (int i = 0; i < warmCompile.length; i++) {
            long w0 = System.nanoTime();
            RegoCli.compile(loaded, version, null).prepare(query);
            warmCompile[i] = System.nanoTime() - w0;
        }
        Arrays.sort(warmCompile);
        Arrays.sort(evalNs);
        Arrays.sort(eventNs);
        Result r = new Result(compileMs, bytes.size(), percentile(evalNs, 50), percentile(evalNs, 99), percentile(eventNs, 50),
                eventSum / count, percentile(eventNs, 99), allocSupported ? (a1 - a0) / count : -1);
        out.printf(Locale.ROOT, "compile %.3f ms (again, warm: %.3f ms); eval median %.1f us, p99 %.1f us; event (parse + eval) "
                        + "median %.1f us, mean %.1f us, p99 %.1f us; %d bytes allocated per event%n", r.compileMs(),
                warmCompile[warmCompile.length / 2] / 1e6, r.evalMedianNs() / 1e3, r.evalP99Ns() / 1e3, r.eventMedianNs() / 1e3,
                eventSum / (double) count / 1e3, r.eventP99Ns() / 1e3, r.allocBytesPerEvent());
        return r;
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
