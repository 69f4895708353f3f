package dev.ecsguard.cli;

import java.io.PrintWriter;
import java.util.Map;

/** Tests in other packages: a command line run in-process with the environment variables it reads its configuration from. */
public final class CliEnvironment {
    private CliEnvironment() {}

    /** Runs {@code args} with {@code environment} instead of the process's; returns the exit code. */
    public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return Main.execute(args, out, err, environment);
    }
}
