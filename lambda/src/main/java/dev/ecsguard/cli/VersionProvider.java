package dev.ecsguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code ecs-guard --version}: the build version and git commit (from the filtered resource
 * {@code ecs-guard-version.properties}, written at build time) and the OPA compatibility level.
 */
final class VersionProvider {
    static final String RESOURCE = "/ecs-guard-version.properties";
    static final String OPA_COMPATIBILITY = "OPA compatibility: Rego v1 / v0, OPA 1.4.2 semantics";
    static final String UNKNOWN = "unknown";

    /** The two lines printed by {@code --version} for the given build properties. */
    static String[] lines(Properties build) {
        String version = value(build, "version");
        String commit = value(build, "commit");
        if (!commit.equals(UNKNOWN) && "true".equals(build.getProperty("dirty"))) {
            commit += "-dirty";
        }
        return new String[] {"ecs-guard " + version + " (commit " + commit + ")", OPA_COMPATIBILITY};
    }

    /** A property's value, or "unknown" when absent, blank or left unfiltered ("${...}"). */
    static String value(Properties build, String key) {
        String v = build.getProperty(key);
        if (v == null || v.isBlank() || v.contains("${")) {
            return UNKNOWN;
        }
        return v.trim();
    }

    static Properties load() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return p;
    }
}
