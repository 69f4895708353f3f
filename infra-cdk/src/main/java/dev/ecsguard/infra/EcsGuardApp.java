package dev.ecsguard.infra;

import dev.ecsguard.policy.PolicyBundle;
import dev.ecsguard.policy.PolicyLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.lambda.Code;

/**
 * The CDK app ({@code cdk.json} runs it through Maven): one {@link EcsGuardStack} named by the
 * context value {@code stackName} (default {@code ecs-guard}), with the {@link Settings} given as
 * context ({@code cdk deploy -c Mode=enforce -c AlertEmail=secops@example.com}), the function code
 * from {@code lambda/target/ecs-guard.jar} and the starter policies from {@code policies/}.
 */
public final class EcsGuardApp {
    public static final String DEFAULT_STACK_NAME = "ecs-guard";
    static final String DESCRIPTION = "ecs-guard: compliance enforcement for Amazon ECS (SnapStart Lambda, EventBridge rules, Rego policies in SSM)";

    private EcsGuardApp() {}

    public static void main(String[] args) throws PolicyLoadException {
        App app = new App(AppProps.builder().analyticsReporting(false).build());
        Map<String, String> given = new LinkedHashMap<>();
        for (Settings.Definition d : Settings.DEFINITIONS) {
            Object v = app.getNode().tryGetContext(d.name());
            if (v != null) {
                given.put(d.name(), String.valueOf(v));
            }
        }
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        Path jar = root.resolve("lambda/target/ecs-guard.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -B -DskipTests package)");
        }
        Object name = app.getNode().tryGetContext("stackName");
        stack(app, name == null ? DEFAULT_STACK_NAME : name.toString(), Settings.of(given), Code.fromAsset(jar.toString()),
                PolicyBundle.fromDirectory(root.resolve("policies")));
        app.synth();
    }

    /** The stack as the app builds it (tests build it the same way). */
    public static EcsGuardStack stack(App app, String name, Settings settings, Code code, List<PolicyBundle.Entry> policies) {
        return new EcsGuardStack(app, name, StackProps.builder().description(DESCRIPTION).build(), settings, code, policies);
    }

    /** The checkout holding {@code policies/} and {@code lambda/}: {@code dir} or one of its parents. */
    public static Path repositoryRoot(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("policies")) && Files.isDirectory(p.resolve("lambda"))) {
                return p;
            }
        }
        throw new IllegalStateException("no ecs-guard checkout (policies/ and lambda/) at or above " + dir);
    }
}
