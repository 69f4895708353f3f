package dev.ecsguard.cli;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.compile.StageListener;
import dev.ecsguard.rego.compile.StageTimings;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ecs-guard eval}: evaluates a query against policies, data and an input, like
 * {@code opa eval}. {@code --format json} prints exactly what {@code opa eval --format json} prints.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a Rego query, as opa eval does.",
                "-d takes .rego modules, .json/.yaml data documents, or directories of them (recursively; "
                        + "every data document is merged at the root of data)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:evaluated (also when the query is undefined)", "1:parse, compile or evaluation error",
                "2:usage error (bad flags, unreadable or malformed files)"})
public final class EvalCommand implements Callable<Integer> {
    enum Format { json, pretty }

    @Spec CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Input document (JSON, or YAML by extension; - for stdin).")
    Path input;

    @Mixin RegoCli.PolicyOptions policyOptions;

    @Option(names = {"--strict", "--strict-builtin-errors"}, description = "Builtin errors are errors, not undefined.")
    boolean strict;

    @Option(names = "--stage-timings", description = "Print the wall and CPU time of each compiler stage to stderr.")
    boolean stageTimings;

    @Option(names = {"-f", "--format"}, defaultValue = "json", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "QUERY", description = "The query, e.g. data.ecsguard.violations")
    String query;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PolicyFiles.Loaded loaded;
        Value in;
        try {
            loaded = policyOptions.load();
            in = RegoCli.readInput(input);
        } catch (RegoCli.UsageError e) {
            err.println("ecs-guard eval: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            StageListener stages = stageTimings ? new StageTimings() : StageListener.NONE;
            CompiledPolicy policy = RegoCli.compile(loaded, policyOptions.version(), stages);
            List<QueryResult> results = policy.prepare(query, stages).eval(in, EvalOptions.DEFAULT.withStrict(strict)
                    .withPrint(line -> {
                        err.println(line);
                        err.flush();
                    }));
            if (format == Format.json) out.print(OpaJson.results(results));
            else printPretty(results, out);
            out.flush();
            if (stages instanceof StageTimings t) {
                err.print(t.table());
                err.flush();
            }
            return 0;
        } catch (RegoCli.UsageError e) {
            err.println("ecs-guard eval: " + e.getMessage());
            err.flush();
            return 2;
        } catch (RegoException e) {
            if (format == Format.json) {
                Map<String, String> sources = new HashMap<>(loaded.modules());
                sources.put("", query);
                out.print(OpaJson.errors(e.errors(), sources));
                out.flush();
            } else {
                RegoCli.printErrors(e, err);
                err.flush();
            }
            return 1;
        }
    }

    /**
     * Human-readable: "undefined", the value of a single-expression query, or for each result its
     * bindings ({@code x = value}) or expression values, results separated by blank lines.
     */
    static void printPretty(List<QueryResult> results, PrintWriter out) {
        if (results.isEmpty()) {
            out.println("undefined");
            return;
        }
        for (int i = 0; i < results.size(); i++) {
            QueryResult r = results.get(i);
            if (i > 0) out.println();
            if (r.bindings().isEmpty()) {
                for (QueryResult.ExpressionValue e : r.expressions()) out.println(OpaJson.indent(Json.write(e.value())));
            } else {
                r.bindings().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .forEach(b -> out.println(b.getKey() + " = " + OpaJson.indent(Json.write(b.getValue()))));
            }
        }
    }
}
