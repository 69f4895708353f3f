package dev.ecsguard.testsupport;

import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * JUnit 5 extension: LocalStack in a container (Testcontainers), once per test run, as an
 * {@link AwsBackend}. Put {@code @Testcontainers(disabledWithoutDocker = true)} on the test class
 * so it is skipped cleanly where no Docker engine runs (this extension also skips then).
 *
 * <p>The image is pinned to {@value #IMAGE}: later tags exit (code 55) without an auth token.
 * {@code LOCALSTACK_AUTH_TOKEN} is passed through from the environment when set; without it,
 * LocalStack Pro services (ECS, Application Auto Scaling) are reported unavailable and the tests
 * that need them are skipped through {@link AwsBackend#assumeAvailable}.
 *
 * <p>LocalStack state is not reset between tests: scenarios use unique resource names.
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {
    public static final String IMAGE = "localstack/localstack:4.14.0";
    static final String TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";
    private static final Set<String> PRO_SERVICES = Set.of("ecs", "applicationautoscaling");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    /** The running container, closed with the root store at the end of the run. */
    static final class Shared implements AutoCloseable {
        final LocalStackContainer container;
        final AwsBackend backend;

        Shared(LocalStackContainer container, AwsBackend backend) {
            this.container = container;
            this.backend = backend;
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == AwsBackend.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context).backend;
    }

    private static Shared shared(ExtensionContext context) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new TestAbortedException("no Docker engine: LocalStack tests need one (Testcontainers)");
        }
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Shared.class, k -> start(), Shared.class);
    }

    @SuppressWarnings("resource") // closed by Shared.close through the root store
    private static Shared start() {
        String token = System.getenv(TOKEN_ENV);
        boolean pro = token != null && !token.isBlank();
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(IMAGE));
        if (pro) {
            container.withEnv(TOKEN_ENV, token);
        }
        container.start();
        AwsBackend backend = AwsBackend.of(AwsBackend.Kind.LOCALSTACK, container.getEndpoint(),
                container.getAccessKey(), container.getSecretKey(), pro ? Set.of() : PRO_SERVICES);
        return new Shared(container, backend);
    }
}
