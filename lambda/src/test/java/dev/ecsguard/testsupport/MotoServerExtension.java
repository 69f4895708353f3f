package dev.ecsguard.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension: a real {@code moto_server} for the whole test run.
 *
 * <ul>
 *   <li>Started once per JVM (kept in the root extension store, so every test class shares it),
 *       on a free loopback port; ready when {@code GET /moto-api/} answers 200, within
 *       {@link MotoServer#START_TIMEOUT}. Its output goes to {@code target/moto-server-PORT.log}.
 *   <li>{@code POST /moto-api/reset} before each test: every test starts from an empty account.
 *   <li>Stopped when the test run ends (the root store closes it; a JVM shutdown hook backs that up).
 *   <li>Resolves {@link AwsBackend} parameters (constructor, lifecycle and test methods) and
 *       {@link MotoServer} for tests that need the process itself.
 *   <li>Where {@code moto_server} is not on PATH, the tests are skipped with how to install it;
 *       with {@code CI=true} or {@code ECS_GUARD_REQUIRE_MOTO=true} they fail instead, so CI never
 *       passes by skipping them.
 * </ul>
 *
 * Tests sharing the server must not run concurrently (the reset is global).
 */
public final class MotoServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    static final String EXECUTABLE = "moto_server";
    static final String INSTALL_HINT = "pip install \"moto[server]\"";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MotoServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            server(context);
        } catch (TestAbortedException skipped) {
            // reported once per test by beforeEach, so each shows as skipped with the reason
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AwsBackend.class || type == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        MotoServer server = server(context);
        return parameter.getParameter().getType() == MotoServer.class ? server : backend(server);
    }

    /** The backend value tests get: moto's endpoint, us-east-1, dummy credentials. */
    static AwsBackend backend(MotoServer server) {
        return AwsBackend.of(AwsBackend.Kind.MOTO, server.endpoint(), "testing", "testing", Set.of());
    }

    private static MotoServer server(ExtensionContext context) {
        Path executable = locate(System.getenv());
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(MotoServer.class,
                k -> MotoServer.start(executable, Path.of("target"), MotoServer.START_TIMEOUT), MotoServer.class);
    }

    /**
     * Finds {@code moto_server} on the PATH of {@code env}. When it is missing: aborts the test
     * (skipped) with the install hint, or, when {@link #required} says so, fails it.
     */
    static Path locate(Map<String, String> env) {
        Optional<Path> found = findOnPath(EXECUTABLE, env.getOrDefault("PATH", ""));
        if (found.isPresent()) {
            return found.get();
        }
        if (required(env)) {
            throw new AssertionFailedError(EXECUTABLE + " not found on PATH, and this run requires it"
                    + " (CI=true or ECS_GUARD_REQUIRE_MOTO=true): " + INSTALL_HINT);
        }
        throw new TestAbortedException(EXECUTABLE + " not found: " + INSTALL_HINT);
    }

    /** CI runs (CI=true) and explicit requests (ECS_GUARD_REQUIRE_MOTO=true) never skip moto tests. */
    static boolean required(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim())
                || "true".equalsIgnoreCase(env.getOrDefault("ECS_GUARD_REQUIRE_MOTO", "").trim());
    }

    static Optional<Path> findOnPath(String name, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
