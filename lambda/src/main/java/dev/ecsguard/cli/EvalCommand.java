package dev.ecsguard.cli;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.PreparedQuery;
import dev.ecsguard.rego.QueryResult;
import dev.ecsguard.rego.compile.StageListener;
import dev.ecsguard.rego.compile.StageTimings;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.eval.EvalOptions;
import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import org.apache.commons.cli.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ecs-guard eval}: evaluates a query against policies, data and an input, like
 * {@code opa eval}. {@code --format json} prints exactly what {@code opa eval --format json} prints.
 */
final class EvalCommand {
    enum Format { json, pretty }

    static final Option INPUT = Option.builder("i").longOpt("input").hasArg().argName("FILE")
            .desc("Input document (JSON, or YAML by extension; - for stdin).").get();
    static final Option STRICT = Option.builder().longOpt("strict-builtin-errors")
            .desc("Builtin errors are errors, not undefined.").get();
    static final Option STRICT_SHORT = Option.builder().longOpt("strict").desc("Same as --strict-builtin-errors.").get();
    static final Option FORMAT = Option.builder("f").longOpt("format").hasArg().argName("json|pretty")
            .desc("Output format: json (what opa eval --format json prints; the default) or pretty.").get();
    static final Option STAGE_TIMINGS = Option.builder().longOpt("stage-timings")
            .desc("Print the wall and CPU time of each compiler stage to stderr.").get();

    static final Subcommand COMMAND = new Subcommand("eval", "Evaluate a Rego query, as opa eval does.",
            List.of("-d takes .rego modules, .json/.yaml data documents, or directories of them (recursively; "
                    + "every data document is merged at the root of data)."),
            RegoCli.withPolicyOptions(INPUT, STRICT, STRICT_SHORT, FORMAT, STAGE_TIMINGS, RegoCli.NO_CACHE), "QUERY", 1, 1,
            List.of("0:evaluated (also when the query is undefined)", "1:parse, compile or evaluation error",
                    "2:usage error (bad flags, unreadable or malformed files)"),
            EvalCommand::execute);

    Path input;
    RegoCli.PolicyOptions policyOptions;
    ParsedModuleCache cache;
    boolean strict;
    boolean stageTimings;
    Format format;
    String query;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        EvalCommand c = new EvalCommand();
        c.input = a.path(INPUT);
        c.policyOptions = RegoCli.PolicyOptions.of(a);
        c.cache = RegoCli.parseCache(a);
        c.strict = a.flag(STRICT) || a.flag(STRICT_SHORT);
        c.stageTimings = a.flag(STAGE_TIMINGS);
        String f = a.string(FORMAT, "json");
        try {
            c.format = Format.valueOf(f);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageError("--format must be json or pretty, not " + f);
        }
        c.query = a.positionals().get(0);
        return c.call(out, err);
    }

    int call(PrintWriter out, PrintWriter err) {
        PhaseTrace.mark("command line parsed");
        PolicyFiles.Loaded loaded;
        Value in;
        try {
            loaded = policyOptions.load();
            in = RegoCli.readInput(input);
            PhaseTrace.mark("policy files and input read");
        } catch (Args.UsageError e) {
            err.println("ecs-guard eval: " + e.getMessage());
            err.flush();
            return 2;
        }
        try {
            StageListener stages = stageTimings ? new StageTimings() : StageListener.NONE;
            CompiledPolicy policy = RegoCli.compile(loaded, policyOptions.version(), cache, stages);
            PreparedQuery prepared = policy.prepare(query, stages);
            PhaseTrace.mark("query prepared");
            List<QueryResult> results = prepared.eval(in, EvalOptions.DEFAULT.withStrict(strict)
                    .withPrint(line -> {
                        err.println(line);
                        err.flush();
                    }));
            PhaseTrace.mark("evaluated");
            if (format == Format.json) out.print(OpaJson.results(results));
            else printPretty(results, out);
            out.flush();
            if (stages instanceof StageTimings t) {
                err.print(t.table());
                err.flush();
            }
            PhaseTrace.mark("output written");
            return 0;
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
