package dev.ecsguard.cli;

import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.conformance.ConformanceRunner;
import dev.ecsguard.rego.conformance.ConformanceSuite;
import org.apache.commons.cli.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ecs-guard conformance}: runs OPA-format YAML test cases (files or directories of them) and
 * prints {@code FAIL file :: note :: reason} per failure, a per-folder summary and the closing line
 * {@code N passed, N failed, N skipped}.
 */
final class ConformanceCommand {
    static final Option V0 = Option.builder().longOpt("v0").desc("Treat every case as Rego v0, whatever its file says.").get();
    static final Option VERBOSE = Option.builder("v").longOpt("verbose").desc("Also print PASS and SKIP lines.").get();

    static final Subcommand COMMAND = new Subcommand("conformance",
            "Run OPA-format YAML conformance cases (../shared/conformance/README.md describes the format).",
            List.of("Prints FAIL lines, a per-folder summary and 'N passed, N failed, N skipped'."),
            List.of(V0, VERBOSE), "PATH", 1, Integer.MAX_VALUE,
            List.of("0:every case passed or was skipped", "1:a case failed", "2:usage error (missing path)"),
            ConformanceCommand::execute);

    boolean v0;
    boolean verbose;
    List<Path> paths;

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        ConformanceCommand c = new ConformanceCommand();
        c.v0 = a.flag(V0);
        c.verbose = a.flag(VERBOSE);
        c.paths = a.positionalPaths("PATH");
        try {
            return c.call(out, err);
        } catch (IOException e) {
            err.println("ecs-guard conformance: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    int call(PrintWriter out, PrintWriter err) throws IOException {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("ecs-guard conformance: " + p + ": no such file or directory");
                err.flush();
                return 2;
            }
        }
        ConformanceSuite.Report r = ConformanceSuite.run(paths, v0 ? RegoVersion.V0 : null);
        var buf = new java.io.ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            ConformanceSuite.print(r, ps, verbose);
        }
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
        return r.count(ConformanceRunner.Status.FAIL) > 0 ? 1 : 0;
    }
}
