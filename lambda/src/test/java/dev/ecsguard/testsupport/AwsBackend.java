package dev.ecsguard.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * An AWS API emulator reachable over HTTP, as handed to tests by {@link MotoServerExtension} or
 * {@link LocalStackExtension}: its endpoint, a fixed region (us-east-1), dummy static credentials,
 * and factories for SDK v2 clients wired to it (UrlConnectionHttpClient, the same HTTP client the
 * Lambda ships with). Each factory call builds a new client; close it when done.
 *
 * @param kind which emulator
 * @param endpoint base URI every client is pointed at (endpointOverride)
 * @param region the region the clients sign for
 * @param credentials static dummy credentials
 * @param unavailableServices SDK service names (as in {@code ecs}, {@code ssm}) this backend
 *     cannot serve in this run, e.g. LocalStack Pro services without an auth token
 */
public record AwsBackend(Kind kind, URI endpoint, Region region, AwsCredentialsProvider credentials,
        Set<String> unavailableServices) {

    /** The emulators the scenarios run against. */
    public enum Kind { MOTO, LOCALSTACK }

    public static final Region REGION = Region.US_EAST_1;

    public AwsBackend {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        unavailableServices = Set.copyOf(unavailableServices);
    }

    static AwsBackend of(Kind kind, URI endpoint, String accessKey, String secretKey, Set<String> unavailable) {
        return new AwsBackend(kind, endpoint, REGION,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)), unavailable);
    }

    public EcsClient ecs() {
        return configure(EcsClient.builder());
    }

    public SsmClient ssm() {
        return configure(SsmClient.builder());
    }

    public SnsClient sns() {
        return configure(SnsClient.builder());
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder());
    }

    public ApplicationAutoScalingClient applicationAutoScaling() {
        return configure(ApplicationAutoScalingClient.builder());
    }

    /** The factory the function and the CLI build every client with, pointed at this backend. */
    public dev.ecsguard.aws.ClientFactory clientFactory() {
        return new dev.ecsguard.aws.ClientFactory(java.util.Optional.of(endpoint), region, credentials);
    }

    public software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamoDb() {
        return configure(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder());
    }

    public software.amazon.awssdk.services.eventbridge.EventBridgeClient eventBridge() {
        return configure(software.amazon.awssdk.services.eventbridge.EventBridgeClient.builder());
    }

    /** EC2, for test fixtures only (the VPC and subnet of awsvpc tasks, see {@link EcsNetwork}). */
    public Ec2Client ec2() {
        return configure(Ec2Client.builder());
    }

    /** Applies endpoint, region, credentials and the URL-connection HTTP client to any SDK v2 sync builder. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder) {
        return builder
                .endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(120)))
                .build();
    }

    /** Skips the calling test when this backend cannot serve {@code service} in this run. */
    public void assumeAvailable(String service) {
        String s = service.toLowerCase(Locale.ROOT);
        Assumptions.assumeFalse(unavailableServices.contains(s),
                () -> kind + " cannot serve " + s + " in this run"
                        + (kind == Kind.LOCALSTACK ? " (a LocalStack Pro service: set LOCALSTACK_AUTH_TOKEN)" : ""));
    }

    /**
     * Keeps every ECS task at the status it was created with, so that DescribeTasks answers the
     * same thing twice (moto otherwise advances {@code lastStatus} on each describe). LocalStack
     * does not advance statuses on reads: there this is a no-op. Undone by the next reset.
     */
    public void freezeEcsTaskStatus() {
        if (kind == Kind.MOTO) {
            MotoApi.setManualTransition(endpoint, "ecs::task", 1000);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + "@" + endpoint;
    }
}
