package dev.ecsguard.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the enforcement function can be configured with, read once from environment
 * variables (a {@code Map}, so tests never touch {@code System.getenv}). Every variable has a
 * documented default; an invalid value fails the function's initialisation with a message that
 * names the variable, rather than running with a guess.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>variable</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>POLICY_PARAMETER</td><td>-</td><td>one SSM parameter holding one Rego module</td></tr>
 *   <tr><td>POLICY_PATH</td><td>-</td><td>an SSM parameter path: every parameter under it is a
 *       module ({@code .rego} or Rego text) or a JSON data document ({@code .json} or JSON text)</td></tr>
 *   <tr><td>POLICY_QUERY</td><td>data.ecsguard.violations</td><td>the query whose value is the decision</td></tr>
 *   <tr><td>INPUT_MODE</td><td>full</td><td>{@code full}: the input document; {@code detail}: the raw event detail</td></tr>
 *   <tr><td>REGO_VERSION</td><td>auto</td><td>{@code v0}, {@code v1} or {@code auto} (detected per module)</td></tr>
 *   <tr><td>POLICY_TTL_SECONDS</td><td>60</td><td>how long a loaded policy is used before SSM is asked again</td></tr>
 *   <tr><td>MODE</td><td>dry-run</td><td>{@code dry-run} records and alerts what would be done; {@code enforce} carries it out</td></tr>
 *   <tr><td>LOG_LEVEL</td><td>INFO</td><td>DEBUG, INFO, WARN or ERROR</td></tr>
 *   <tr><td>EVAL_TIMEOUT_MS</td><td>2000</td><td>wall-clock limit of one policy evaluation</td></tr>
 *   <tr><td>EVAL_MAX_STEPS</td><td>5000000</td><td>expression evaluations allowed per event</td></tr>
 *   <tr><td>MAX_EVENT_BYTES</td><td>8388608</td><td>larger invocations are answered with an error record</td></tr>
 *   <tr><td>AWS_REGION</td><td>set by Lambda</td><td>region of the ECS and SSM clients</td></tr>
 * </table>
 *
 * The enforcement variables (ACTIONS, CLUSTERS, LEDGER_TABLE, ...) are read into
 * {@link EnforcementSettings}.
 */
public record Config(
        Optional<String> policyParameter,
        Optional<String> policyPath,
        String policyQuery,
        InputMode inputMode,
        RegoVersionSetting regoVersion,
        Duration policyTtl,
        EnforcementMode mode,
        LogLevel logLevel,
        Duration evalTimeout,
        long evalMaxSteps,
        int maxEventBytes,
        Optional<String> awsRegion,
        EnforcementSettings enforcement) {

    public static final String DEFAULT_QUERY = "data.ecsguard.violations";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    public static final Duration DEFAULT_EVAL_TIMEOUT = Duration.ofMillis(2000);
    public static final long DEFAULT_EVAL_MAX_STEPS = 5_000_000L;
    public static final int DEFAULT_MAX_EVENT_BYTES = 8 * 1024 * 1024;

    public Config {
        Objects.requireNonNull(policyParameter, "policyParameter");
        Objects.requireNonNull(policyPath, "policyPath");
        Objects.requireNonNull(policyQuery, "policyQuery");
        Objects.requireNonNull(inputMode, "inputMode");
        Objects.requireNonNull(regoVersion, "regoVersion");
        Objects.requireNonNull(policyTtl, "policyTtl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(evalTimeout, "evalTimeout");
        Objects.requireNonNull(awsRegion, "awsRegion");
        Objects.requireNonNull(enforcement, "enforcement");
    }

    /** The defaults, with no policy location (replay and tests set their own). */
    public static Config defaults() {
        return fromEnvironment(Map.of());
    }

    /**
     * Reads the configuration from environment variables.
     *
     * @throws ConfigException naming the variable when a value is invalid, or when both
     *     POLICY_PARAMETER and POLICY_PATH are set
     */
    public static Config fromEnvironment(Map<String, String> variables) {
        Env env = new Env(variables);
        Optional<String> parameter = env.text("POLICY_PARAMETER");
        Optional<String> path = env.text("POLICY_PATH");
        if (parameter.isPresent() && path.isPresent()) {
            throw new ConfigException("POLICY_PARAMETER and POLICY_PATH are both set: set one of them");
        }
        String query = env.text("POLICY_QUERY").orElse(DEFAULT_QUERY);
        InputMode inputMode = env.text("INPUT_MODE").map(InputMode::parse).orElse(InputMode.FULL);
        RegoVersionSetting version = env.text("REGO_VERSION").map(RegoVersionSetting::parse).orElse(RegoVersionSetting.AUTO);
        Duration ttl = Duration.ofSeconds(env.number("POLICY_TTL_SECONDS", DEFAULT_TTL.toSeconds(), 0, 86_400));
        EnforcementMode mode = env.text("MODE").map(EnforcementMode::parse).orElse(EnforcementMode.DRY_RUN);
        LogLevel level = env.text("LOG_LEVEL").map(LogLevel::parse).orElse(LogLevel.INFO);
        Duration timeout = Duration.ofMillis(env.number("EVAL_TIMEOUT_MS", DEFAULT_EVAL_TIMEOUT.toMillis(), 1, 600_000));
        long steps = env.number("EVAL_MAX_STEPS", DEFAULT_EVAL_MAX_STEPS, 1_000, Long.MAX_VALUE);
        int maxBytes = (int) env.number("MAX_EVENT_BYTES", DEFAULT_MAX_EVENT_BYTES, 1_024, Integer.MAX_VALUE - 8);
        Optional<String> region = env.text("AWS_REGION").or(() -> env.text("AWS_DEFAULT_REGION"));
        return new Config(parameter, path, query, inputMode, version, ttl, mode, level, timeout, steps, maxBytes, region,
                EnforcementSettings.fromEnvironment(env));
    }

    public Config withPolicyQuery(String q) {
        return new Config(policyParameter, policyPath, q, inputMode, regoVersion, policyTtl, mode, logLevel,
                evalTimeout, evalMaxSteps, maxEventBytes, awsRegion, enforcement);
    }

    public Config withInputMode(InputMode m) {
        return new Config(policyParameter, policyPath, policyQuery, m, regoVersion, policyTtl, mode, logLevel,
                evalTimeout, evalMaxSteps, maxEventBytes, awsRegion, enforcement);
    }

    public Config withRegoVersion(RegoVersionSetting v) {
        return new Config(policyParameter, policyPath, policyQuery, inputMode, v, policyTtl, mode, logLevel,
                evalTimeout, evalMaxSteps, maxEventBytes, awsRegion, enforcement);
    }

    public Config withMode(EnforcementMode m) {
        return new Config(policyParameter, policyPath, policyQuery, inputMode, regoVersion, policyTtl, m, logLevel,
                evalTimeout, evalMaxSteps, maxEventBytes, awsRegion, enforcement);
    }

    public Config withEnforcement(EnforcementSettings e) {
        return new Config(policyParameter, policyPath, policyQuery, inputMode, regoVersion, policyTtl, mode, logLevel,
                evalTimeout, evalMaxSteps, maxEventBytes, awsRegion, e);
    }

    /** Reads of environment variables: blank is unset; numbers are checked against a range. */
    record Env(Map<String, String> variables) {
        Optional<String> text(String name) {
            String v = variables.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        long number(String name, long fallback, long min, long max) {
            Optional<String> v = text(name);
            if (v.isEmpty()) {
                return fallback;
            }
            long n;
            try {
                n = Long.parseLong(v.get());
            } catch (NumberFormatException e) {
                throw new ConfigException(name + "=" + v.get() + " is not a whole number");
            }
            if (n < min || n > max) {
                throw new ConfigException(name + "=" + n + " is outside " + min + ".." + max);
            }
            return n;
        }
    }

    /** What the policy receives as {@code input}. */
    public enum InputMode {
        /** The ecs-guard input document (schema_version "1"). */
        FULL,
        /** The raw EventBridge {@code detail}, as the original OPA Lambda sample fed it. */
        DETAIL;

        public static InputMode parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "full" -> FULL;
                case "detail" -> DETAIL;
                default -> throw new ConfigException("INPUT_MODE=" + s + " is not one of full, detail");
            };
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Rego syntax of the policy modules. */
    public enum RegoVersionSetting {
        V0, V1, AUTO;

        public static RegoVersionSetting parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "v0", "0" -> V0;
                case "v1", "1" -> V1;
                case "auto" -> AUTO;
                default -> throw new ConfigException("REGO_VERSION=" + s + " is not one of v0, v1, auto");
            };
        }
    }

    /** Whether requested actions are carried out. */
    public enum EnforcementMode {
        DRY_RUN, ENFORCE;

        public static EnforcementMode parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "dry-run", "dryrun" -> DRY_RUN;
                case "enforce" -> ENFORCE;
                default -> throw new ConfigException("MODE=" + s + " is not one of dry-run, enforce");
            };
        }

        public String label() {
            return this == DRY_RUN ? "dry-run" : "enforce";
        }
    }

    /** Threshold of the structured log. */
    public enum LogLevel {
        DEBUG, INFO, WARN, ERROR;

        public static LogLevel parse(String s) {
            return switch (s.toUpperCase(Locale.ROOT)) {
                case "DEBUG", "TRACE" -> DEBUG;
                case "INFO" -> INFO;
                case "WARN", "WARNING" -> WARN;
                case "ERROR", "FATAL" -> ERROR;
                default -> throw new ConfigException("LOG_LEVEL=" + s + " is not one of DEBUG, INFO, WARN, ERROR");
            };
        }

        public boolean enables(LogLevel line) {
            return line.ordinal() >= ordinal();
        }
    }
}
