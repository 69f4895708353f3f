package dev.ecsguard.check;

import dev.ecsguard.cli.CliRun;

import java.nio.file.Path;

/** The check tests' view of {@link CliRun}: the same in-process run, plus their fixtures. */
final class CheckCli {
    private CheckCli() {}

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    static Path repoRoot() {
        return CliRun.repoRoot();
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
