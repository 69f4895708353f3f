package dev.ecsguard.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.policy.PolicyBundle;
import dev.ecsguard.policy.PolicyLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The templates the tests look at: the CDK app's stack for given settings (synthesized in-process,
 * no CDK CLI), and template.yaml / member.yaml read (and SAM-transformed) by the Python tools CI
 * already needs for cfn-lint (aws-sam-translator ships with cfn-lint).
 */
final class Templates {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = EcsGuardApp.repositoryRoot(Path.of("").toAbsolutePath());
    static final Path OUT = ROOT.resolve("infra-cdk/target/templates");
    private static final Map<Map<String, String>, Synth> CDK = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, Object>> FILES = new ConcurrentHashMap<>();

    /** A synthesized stack: CDK's assertion view and the template as plain maps. */
    record Synth(Template template, Map<String, Object> json, Path file) {}

    private Templates() {}

    /** The CDK stack for {@code settings} (cached: each synthesis starts jsii work). */
    static Synth cdk(Map<String, String> settings) {
        return CDK.computeIfAbsent(Map.copyOf(settings), s -> {
            try {
                App app = new App(AppProps.builder().analyticsReporting(false).build());
                EcsGuardStack stack = EcsGuardApp.stack(app, "ecs-guard", Settings.of(s), Code.fromAsset(jar().toString()),
                        PolicyBundle.fromDirectory(ROOT.resolve("policies")));
                Template t = Template.fromStack(stack);
                Map<String, Object> json = t.toJSON();
                Files.createDirectories(OUT);
                Path file = OUT.resolve("cdk-" + Integer.toHexString(s.hashCode()) + ".json");
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
                return new Synth(t, json, file);
            } catch (IOException | PolicyLoadException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The function's jar; a placeholder when only the tests were built (the asset's content is not asserted). */
    static Path jar() throws IOException {
        Path jar = ROOT.resolve("lambda/target/ecs-guard.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path placeholder = ROOT.resolve("infra-cdk/target/test-asset/ecs-guard.jar");
        Files.createDirectories(placeholder.getParent());
        Files.writeString(placeholder, "placeholder: lambda/target/ecs-guard.jar was not built");
        return placeholder;
    }

    /**
     * template.yaml (through aws-sam-translator, with {@code parameters}) or member.yaml (read
     * only), as plain CloudFormation.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> file(String name, Map<String, String> parameters) {
        String key = name + " " + new java.util.TreeMap<>(parameters);
        return FILES.computeIfAbsent(key, k -> {
            try {
                String out = python(ROOT.resolve("infra-cdk/src/test/resources/sam-transform.py").toString(),
                        ROOT.resolve(name).toString(), JSON.writeValueAsString(parameters));
                return JSON.readValue(out, LinkedHashMap.class);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Runs python3 with the arguments; its standard output, or a failure with its standard error. */
    static String python(String... args) throws IOException {
        requireTool("python3", "-c", "import samtranslator, cfnlint");
        List<String> command = new ArrayList<>(List.of("python3"));
        command.addAll(List.of(args));
        return run(command, 120).stdout();
    }

    record Result(int exit, String stdout, String stderr) {}

    static Result run(List<String> command, int timeoutSeconds) throws IOException {
        Path err = Files.createTempFile("ecs-guard-tool", ".err");
        Path out = Files.createTempFile("ecs-guard-tool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no answer in " + timeoutSeconds + " s");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            if (r.exit() != 0 && command.get(0).equals("python3")) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + r.exit() + ":\n" + r.stderr());
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(err);
            Files.deleteIfExists(out);
        }
    }

    /**
     * Skips the test when a tool is missing on a developer's machine; fails in CI
     * ({@code CI=true}), which must never pass by skipping. .ci/run checks the tools first.
     */
    static void requireTool(String... probe) {
        boolean ok;
        try {
            ok = run(List.of(probe), 60).exit() == 0;
        } catch (IOException | RuntimeException e) {
            ok = false;
        }
        String what = String.join(" ", probe) + " failed: install cfn-lint (pip install cfn-lint; it brings aws-sam-translator)";
        if (!ok && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(what);
        }
        Assumptions.assumeTrue(ok, what);
    }
}
