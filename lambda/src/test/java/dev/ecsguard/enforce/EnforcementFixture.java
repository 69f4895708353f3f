package dev.ecsguard.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.Context;
import dev.ecsguard.config.Config;
import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.ledger.LedgerTable;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.EcsNetwork;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * One account on an emulator, set up as a deployment of ecs-guard sees it: the starter policies
 * in SSM (a parameter path), a ledger table, an SNS topic with an SQS subscription (what a SIEM
 * reads), an EventBridge bus with a rule that forwards ecs-guard's events to another queue, and a
 * workload: a cluster, a service with an auto scaling target, a privileged task definition and a
 * task of the service. Names are unique (LocalStack is not reset between tests).
 */
final class EnforcementFixture implements AutoCloseable {
    static final Path POLICIES = Path.of("..", "policies");
    static final String ACCOUNT = "123456789012";

    final AwsBackend aws;
    final EcsClient ecs;
    final ApplicationAutoScalingClient aas;
    final SnsClient sns;
    final SqsClient sqs;
    final SsmClient ssm;
    final DynamoDbClient dynamo;
    final EventBridgeClient events;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String policyPath = "/ecs-guard-" + suffix + "/policies";
    final String ledgerTable = "ecs-guard-ledger-" + suffix;
    final String cluster = "prod-" + suffix;
    final EcsNetwork network;
    String topicArn;
    String alertQueue;
    String eventBus;
    String eventQueue;
    final List<String> log = new ArrayList<>();

    EnforcementFixture(AwsBackend aws) {
        this.aws = aws;
        this.ecs = aws.ecs();
        this.aas = aws.applicationAutoScaling();
        this.sns = aws.sns();
        this.sqs = aws.sqs();
        this.ssm = aws.ssm();
        this.dynamo = aws.dynamoDb();
        this.events = aws.eventBridge();
        aws.freezeEcsTaskStatus();
        network = EcsNetwork.create(aws);
        ecs.createCluster(r -> r.clusterName(cluster));
        LedgerTable.ensureExists(dynamo, ledgerTable);
        putPolicies(List.of());
        topicArn = sns.createTopic(r -> r.name("alerts-" + suffix)).topicArn();
        alertQueue = queue("siem-" + suffix);
        sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn(alertQueue)));
        eventBus = "guard-" + suffix;
        events.createEventBus(r -> r.name(eventBus));
        eventQueue = queue("decisions-" + suffix);
        events.putRule(r -> r.name("decisions").eventBusName(eventBus)
                .eventPattern("{\"source\":[\"ecs-guard\"],\"detail-type\":[\"ecs-guard Decision\"]}"));
        events.putTargets(r -> r.rule("decisions").eventBusName(eventBus)
                .targets(t -> t.id("queue").arn(queueArn(eventQueue))));
    }

    /** The starter policies and their data, plus these exemptions, under the fixture's SSM path. */
    void putPolicies(List<Map<String, Object>> exemptions) {
        try (Stream<Path> files = Files.walk(POLICIES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".rego") && !p.toString().endsWith("_test.rego")).toList()) {
                put(policyPath + "/" + POLICIES.relativize(f), Files.readString(f));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> data = new HashMap<>((Map<String, Object>) Json.toJava(
                    Json.parse(Files.readAllBytes(POLICIES.resolve("data/config.json")))));
            @SuppressWarnings("unchecked")
            Map<String, Object> guard = new HashMap<>((Map<String, Object>) data.get("ecsguard"));
            @SuppressWarnings("unchecked")
            Map<String, Object> config = new HashMap<>((Map<String, Object>) guard.get("config"));
            @SuppressWarnings("unchecked")
            List<Object> all = new ArrayList<>((List<Object>) config.get("exemptions"));
            all.addAll(exemptions);
            config.put("exemptions", all);
            guard.put("config", config);
            data.put("ecsguard", guard);
            put(policyPath + "/data/config.json", dev.ecsguard.log.JsonText.of(data));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A further policy module or data document under the fixture's SSM path ({@code rules/trial.rego}, {@code data/trial.json}). */
    void putPolicyFile(String relativeName, String text) {
        put(policyPath + "/" + relativeName, text);
    }

    private void put(String name, String value) {
        ssm.putParameter(r -> r.name(name).value(value).type(ParameterType.STRING).overwrite(true));
    }

    String queue(String name) {
        return sqs.createQueue(r -> r.queueName(name)).queueUrl();
    }

    String queueArn(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** The function's environment for this fixture, with {@code extra} on top. */
    Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("POLICY_PATH", policyPath, "AWS_REGION", aws.region().id(),
                "LEDGER_TABLE", ledgerTable, "ALERT_TOPIC_ARN", topicArn, "EVENT_BUS_NAME", eventBus, "LOG_LEVEL", "DEBUG"));
        env.putAll(extra);
        return env;
    }

    EnforcementHandler handler(Map<String, String> extra) {
        return handler(extra, aws.clientFactory());
    }

    /** The handler with its clients from {@code factory} (a proxy in front of the emulator). */
    EnforcementHandler handler(Map<String, String> extra, dev.ecsguard.aws.ClientFactory factory) {
        Config config = Config.fromEnvironment(env(extra));
        return new EnforcementHandler(config, factory, new StructuredLog(Config.LogLevel.DEBUG, log::add, Clock.systemUTC()),
                Clock.systemUTC());
    }

    /** A task definition that breaks ECS_PRIVILEGED only (the other starter rules pass). */
    String privilegedTaskDefinition(String family) {
        return taskDefinition(family, true);
    }

    String taskDefinition(String family, boolean privileged) {
        return ecs.registerTaskDefinition(r -> r.family(family).requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                .containerDefinitions(ContainerDefinition.builder().name("app")
                        .image(ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/" + family
                                + ":1.0@sha256:7f3c1b0e9a5d4c2b8e6f0a1d3c5b7e9f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b")
                        .cpu(256).memory(512).essential(true).privileged(privileged).user("10001")
                        .readonlyRootFilesystem(true)
                        .logConfiguration(LogConfiguration.builder().logDriver(LogDriver.AWSLOGS)
                                .options(Map.of("awslogs-group", "/ecs/" + family, "awslogs-region", "us-east-1",
                                        "awslogs-stream-prefix", family)).build())
                        .build()))
                .taskDefinition().taskDefinitionArn();
    }

    /** A service of {@code desired} tasks with an auto scaling target (min 1, max 4), and its ARN. */
    String service(String name, String taskDefinition, int desired, boolean scalable) {
        String arn = ecs.createService(r -> r.cluster(cluster).serviceName(name).taskDefinition(taskDefinition)
                .desiredCount(desired).launchType(LaunchType.FARGATE).networkConfiguration(network.awsvpc())).service().serviceArn();
        if (scalable) {
            aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId("service/" + cluster + "/" + name)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(4));
        }
        return arn;
    }

    /** Runs {@code count} tasks, as the service's scheduler would when {@code group} is {@code service:NAME}. */
    List<Task> run(String taskDefinition, String group, int count) {
        return ecs.runTask(r -> r.cluster(cluster).taskDefinition(taskDefinition).launchType(LaunchType.FARGATE)
                .networkConfiguration(network.awsvpc()).count(count).group(group)).tasks();
    }

    Task describe(String taskArn) {
        return ecs.describeTasks(r -> r.cluster(cluster).tasks(taskArn)).tasks().get(0);
    }

    ScalableTarget scalableTarget(String serviceName) {
        return aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds("service/" + cluster + "/" + serviceName)).scalableTargets().get(0);
    }

    int desiredCount(String serviceArn) {
        return ecs.describeServices(r -> r.cluster(cluster).services(serviceArn)).services().get(0).desiredCount();
    }

    String taskDefinitionStatus(String arn) {
        return ecs.describeTaskDefinition(r -> r.taskDefinition(arn)).taskDefinition().statusAsString();
    }

    /** Reads the account back: the workload's task still runs, its service keeps 3 tasks, its task definition is ACTIVE. */
    void assertUntouched(EnforcementScenarioTest.Workload w) {
        assertEquals("RUNNING", describe(w.task().taskArn()).desiredStatus(), "task " + w.task().taskArn());
        assertEquals(3, desiredCount(w.serviceArn()), "desired count of " + w.service());
        assertEquals("ACTIVE", taskDefinitionStatus(w.taskDefinition()), w.taskDefinition());
    }

    /** An ECS Task State Change event for the task as ECS describes it now, with {@code lastStatus} as given. */
    static String taskStateChange(Task t, String account, String region, String lastStatus) {
        return """
                {"version":"0","id":"%s","detail-type":"ECS Task State Change","source":"aws.ecs","account":"%s",
                 "time":"2025-06-12T09:14:12Z","region":"%s","resources":["%s"],
                 "detail":{"taskArn":"%s","clusterArn":"%s","group":"%s","lastStatus":"%s","desiredStatus":"RUNNING",
                   "launchType":"FARGATE","taskDefinitionArn":"%s","version":1,
                   "containers":[{"name":"app","lastStatus":"%s"}]}}
                """.formatted(UUID.randomUUID(), account, region, t.taskArn(), t.taskArn(), t.clusterArn(), t.group(), lastStatus,
                t.taskDefinitionArn(), lastStatus);
    }

    /** The handler's response to one payload. */
    static ObjectValue invoke(EnforcementHandler h, String payload) {
        return invoke(h, payload, null);
    }

    /** The handler's answer to {@code payload} under a Lambda context (null: none, no deadline). */
    static ObjectValue invoke(EnforcementHandler h, String payload, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            h.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (ObjectValue) Json.parse(out.toByteArray());
    }

    /** The decision log lines the handlers of this fixture wrote, in order, parsed. */
    List<ObjectValue> decisions() {
        List<ObjectValue> out = new ArrayList<>();
        for (String line : List.copyOf(log)) {
            ObjectValue o = (ObjectValue) Json.parse(line);
            if (o.get("message") != null && "decision".equals(Json.toJava(o.get("message")))) {
                out.add(o);
            }
        }
        return out;
    }

    /** The first decision record of a response. */
    static ObjectValue record(ObjectValue response) {
        return (ObjectValue) ((ArrayValue) response.get("records")).get(0);
    }

    /** {action: outcome} of a record's actions_taken. */
    static Map<String, String> outcomes(ObjectValue record) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        ArrayValue taken = (ArrayValue) record.get("actions_taken");
        for (int i = 0; i < taken.size(); i++) {
            ObjectValue a = (ObjectValue) taken.get(i);
            out.put(Json.toJava(a.get("action")).toString(), Json.toJava(a.get("outcome")).toString());
        }
        return out;
    }

    /** Every message that reaches the queue within {@code wait} (waits the whole time: counts must not grow later). */
    List<Message> drain(String queueUrl, Duration wait) {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            for (Message m : got) {
                all.add(m);
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
        return all;
    }

    /** The SNS notifications on the alert queue (SNS's JSON envelope: Subject, Message, MessageAttributes). */
    List<ObjectValue> alerts(Duration wait) {
        return drain(alertQueue, wait).stream().map(m -> (ObjectValue) Json.parse(m.body())).toList();
    }

    static String attribute(ObjectValue notification, String name) {
        ObjectValue attrs = (ObjectValue) notification.get("MessageAttributes");
        ObjectValue a = (ObjectValue) attrs.get(name);
        assertFalse(a == null, () -> "no message attribute " + name + " in " + notification);
        return Json.toJava(a.get("Value")).toString();
    }

    @Override
    public void close() {
        ecs.close();
        aas.close();
        sns.close();
        sqs.close();
        ssm.close();
        dynamo.close();
        events.close();
    }
}
