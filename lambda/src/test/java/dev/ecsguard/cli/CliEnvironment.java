package dev.ecsguard.cli;

import java.util.Map;

/** Tests: the environment variables a CLI command reads its configuration from, instead of the process's. */
public final class CliEnvironment {
    private CliEnvironment() {}

    public static void set(ReplayCommand c, Map<String, String> env) {
        c.environment = env;
    }

    public static void set(RestoreCommand c, Map<String, String> env) {
        c.environment = env;
    }
}
