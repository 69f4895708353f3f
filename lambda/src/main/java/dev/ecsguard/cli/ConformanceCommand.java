package dev.ecsguard.cli;

import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.conformance.ConformanceRunner;
import dev.ecsguard.rego.conformance.ConformanceSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ecs-guard conformance}: runs OPA-format YAML test cases (files or directories of them) and
 * prints {@code FAIL file :: note :: reason} per failure, a per-folder summary and the closing line
 * {@code N passed, N failed, N skipped}.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = {"Run OPA-format YAML conformance cases (../shared/conformance/README.md describes the format).",
                "Prints FAIL lines, a per-folder summary and 'N passed, N failed, N skipped'."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every case passed or was skipped", "1:a case failed", "2:usage error (missing path)"})
public final class ConformanceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--v0", description = "Treat every case as Rego v0, whatever its file says.")
    boolean v0;

    @Option(names = {"-v", "--verbose"}, description = "Also print PASS and SKIP lines.")
    boolean verbose;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Case files (.yaml) or directories of them.")
    List<Path> paths;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("ecs-guard conformance: " + p + ": no such file or directory");
                err.flush();
                return 2;
            }
        }
        ConformanceSuite.Report r = ConformanceSuite.run(paths, v0 ? RegoVersion.V0 : null);
        PrintWriter out = spec.commandLine().getOut();
        var buf = new java.io.ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            ConformanceSuite.print(r, ps, verbose);
        }
        out.print(buf.toString(StandardCharsets.UTF_8));
        out.flush();
        return r.count(ConformanceRunner.Status.FAIL) > 0 ? 1 : 0;
    }
}
