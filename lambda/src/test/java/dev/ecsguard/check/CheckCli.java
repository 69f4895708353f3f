package dev.ecsguard.check;

import dev.ecsguard.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code ecs-guard} in-process, capturing exit code, stdout and stderr; finds the fixtures and policies. */
record CheckCli(int exit, String out, String err) {
    static CheckCli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CheckCli(code, out.toString(), err.toString());
    }

    /** The repository root (holding policies/ and lambda/), from user.dir upwards. */
    static Path repoRoot() {
        Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = d; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("policies")) && Files.isDirectory(p.resolve("lambda"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + d);
    }

    static Path policies() {
        return repoRoot().resolve("policies");
    }

    /** A fixture under lambda/src/test/resources/check/, relative to the working directory when it can be. */
    static Path fixture(String name) {
        Path abs = repoRoot().resolve("lambda/src/test/resources/check").resolve(name);
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
    }
}
