package dev.ecsguard.handler;

import dev.ecsguard.alert.DecisionEvents;
import dev.ecsguard.alert.SnsAlerts;
import dev.ecsguard.aws.AccountAccess;
import dev.ecsguard.aws.ClientFactory;
import dev.ecsguard.config.Config;
import dev.ecsguard.enforce.LiveEnforcement;
import dev.ecsguard.input.CachingServiceSource;
import dev.ecsguard.input.CachingTaskDefinitionSource;
import dev.ecsguard.input.EcsServiceRevisionSource;
import dev.ecsguard.input.EcsServiceSource;
import dev.ecsguard.input.EcsTaskDefinitionSource;
import dev.ecsguard.ledger.Ledger;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.metrics.EmfMetrics;
import dev.ecsguard.restore.Restorer;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Everything that talks to AWS, built once from the configuration and a {@link ClientFactory}:
 * the function and {@code ecs-guard replay}/{@code restore} against an endpoint share it, so the
 * CLI acts exactly as the function does. Clients are created here, not per event.
 */
public final class AwsWiring {
    static final int TASK_DEFINITION_CACHE_ENTRIES = 1_000;
    static final int SERVICE_CACHE_ENTRIES = 1_000;

    private final Config config;
    private final ClientFactory factory;
    private final AccountAccess accounts;
    private final SsmClient ssm;
    private final DynamoDbClient dynamo;
    private final Ledger ledger;
    private final CachingTaskDefinitionSource taskDefinitions;
    private final CachingServiceSource services;
    private final EcsServiceRevisionSource serviceRevisions;
    private final Optional<SnsAlerts> alerts;
    private final Optional<DecisionEvents> events;

    public AwsWiring(Config config, ClientFactory factory, Clock clock) {
        this.config = config;
        this.factory = factory;
        this.accounts = new AccountAccess(factory, config.enforcement().memberRoleName(), factory.sts(), clock);
        this.ssm = factory.ssm();
        this.dynamo = factory.dynamoDb();
        this.ledger = new Ledger(dynamo, config.enforcement().ledgerTable(), config.enforcement().ledgerTtl(), clock);
        this.taskDefinitions = new CachingTaskDefinitionSource(new EcsTaskDefinitionSource(accounts), TASK_DEFINITION_CACHE_ENTRIES);
        this.services = new CachingServiceSource(new EcsServiceSource(accounts), SERVICE_CACHE_ENTRIES);
        this.serviceRevisions = new EcsServiceRevisionSource(accounts);
        this.alerts = config.enforcement().alertTopicArn().map(topic -> new SnsAlerts(factory.sns(), topic));
        this.events = config.enforcement().eventBusName().map(bus -> new DecisionEvents(factory.eventBridge(), bus));
    }

    /** The function's: region from AWS_REGION, the SDK's endpoint and credential resolution. */
    public static AwsWiring forFunction(Config config, Clock clock) {
        return new AwsWiring(config, new ClientFactory(Optional.empty(), EnforcementHandler.region(config), null), clock);
    }

    /**
     * The CLI's ({@code replay}, {@code restore}): as the function's, with every client on
     * {@code endpoint} when one is given.
     */
    public static AwsWiring forEndpoint(Config config, Optional<java.net.URI> endpoint) {
        return new AwsWiring(config, new ClientFactory(endpoint, EnforcementHandler.region(config), null), Clock.systemUTC());
    }

    public LiveEnforcement enforcement(EmfMetrics metrics, StructuredLog log) {
        return new LiveEnforcement(config, accounts, ledger, alerts, events, metrics, log);
    }

    public Restorer restorer() {
        return new Restorer(ledger, accounts);
    }

    public ClientFactory factory() {
        return factory;
    }

    public AccountAccess accounts() {
        return accounts;
    }

    public SsmClient ssm() {
        return ssm;
    }

    public DynamoDbClient dynamoDb() {
        return dynamo;
    }

    public Ledger ledger() {
        return ledger;
    }

    public CachingTaskDefinitionSource taskDefinitions() {
        return taskDefinitions;
    }

    public CachingServiceSource services() {
        return services;
    }

    /** DescribeServiceRevisions (deployment hooks), in the account the revision's ARN names. */
    public EcsServiceRevisionSource serviceRevisions() {
        return serviceRevisions;
    }

    /** The input document builder of the function: task definitions, services and service revisions from ECS. */
    public dev.ecsguard.input.InputDocumentBuilder inputs() {
        return new dev.ecsguard.input.InputDocumentBuilder(taskDefinitions, services, serviceRevisions);
    }
}
