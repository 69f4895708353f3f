package dev.ecsguard.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds every AWS client the function and the CLI use, the same way: one shared URL-connection
 * HTTP client (the lightest; no Apache or Netty in the jar), the SDK's standard retry mode
 * (throttling and 5xx retried with backoff, 3 attempts), the home region, and, when given, one
 * endpoint for every service (an emulator: {@code --endpoint}) and fixed credentials. Without an
 * endpoint the SDK's own resolution applies, {@code AWS_ENDPOINT_URL} included; without
 * credentials, the default chain.
 */
public final class ClientFactory {
    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Optional<URI> endpoint;
    private final Region homeRegion;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;

    /**
     * @param endpoint one endpoint for every service, or empty
     * @param homeRegion the region of the function's own clients
     * @param credentials the function's own credentials, or null for the default chain
     */
    public ClientFactory(Optional<URI> endpoint, Region homeRegion, AwsCredentialsProvider credentials) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.homeRegion = Objects.requireNonNull(homeRegion, "homeRegion");
        this.credentials = credentials;
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20)).build();
    }

    public Region homeRegion() {
        return homeRegion;
    }

    public Optional<URI> endpoint() {
        return endpoint;
    }

    public EcsClient ecs() {
        return ecs(homeRegion, credentials);
    }

    public EcsClient ecs(Region region, AwsCredentialsProvider with) {
        return configure(EcsClient.builder(), region, with);
    }

    public ApplicationAutoScalingClient applicationAutoScaling(Region region, AwsCredentialsProvider with) {
        return configure(ApplicationAutoScalingClient.builder(), region, with);
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder(), homeRegion, credentials);
    }

    public SnsClient sns() {
        return configure(SnsClient.builder(), homeRegion, credentials);
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder(), homeRegion, credentials);
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder(), homeRegion, credentials);
    }

    public StsClient sts() {
        return configure(StsClient.builder(), homeRegion, credentials);
    }

    /** The function's own credentials (null: the default chain). */
    public AwsCredentialsProvider credentials() {
        return credentials;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder, Region region,
            AwsCredentialsProvider with) {
        builder.region(region).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(API_CALL_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        if (with != null) {
            builder.credentialsProvider(with);
        }
        return builder.build();
    }
}
