package dev.ecsguard.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the CLI in-process and captures its exit code and output; finds files beside the repository. */
public record CliRun(int exit, String out, String err) {
    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The repository root (the directory holding policies/ and policy-eval/), from user.dir upwards. */
    public static Path repoRoot() {
        Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("policy-eval")) && Files.isDirectory(p.resolve("lambda"))) return p;
        }
        return d;
    }

    /** ../shared/tools/opa/opaeval beside the repository, or null. */
    public static Path opaeval() {
        Path root = repoRoot();
        for (Path p : new Path[] {root.resolveSibling("shared"), root.resolve("../shared").normalize()}) {
            Path exe = p.resolve("tools/opa/opaeval");
            if (Files.isExecutable(exe)) return exe;
        }
        return null;
    }
}
