package dev.ecsguard.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.EcsNetwork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The harness proof: the AWS calls the enforcement Lambda makes, over HTTP to a real emulator.
 * Written once; {@link EcsHarnessMotoTest} and {@link EcsHarnessLocalStackTest} run it on each
 * backend by supplying the {@link AwsBackend} parameter.
 */
abstract class EcsHarnessScenarioTest {
    /** Unique names: LocalStack state is shared across tests, moto's is reset anyway. */
    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void ecsClusterTaskDefinitionServiceAndTaskLifecycle(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.freezeEcsTaskStatus();
        String clusterName = unique("guard");
        String family = unique("web");
        String serviceName = unique("web-svc");
        NetworkConfiguration awsvpc = EcsNetwork.create(aws).awsvpc();
        try (EcsClient ecs = aws.ecs()) {
            Cluster cluster = ecs.createCluster(r -> r.clusterName(clusterName)).cluster();
            assertEquals(clusterName, cluster.clusterName());
            assertEquals("ACTIVE", cluster.status());
            assertTrue(cluster.clusterArn().endsWith(":cluster/" + clusterName), cluster.clusterArn());

            TaskDefinition td = ecs.registerTaskDefinition(r -> r
                    .family(family)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder()
                            .name("app").image("public.ecr.aws/nginx/nginx:1.27").essential(true)
                            // container-level cpu/memory: moto's RunTask sums them (500 without)
                            .cpu(256).memory(512)
                            .privileged(false)
                            .environment(KeyValuePair.builder().name("MODE").value("prod").build())
                            .build())
                    .tags(Tag.builder().key("owner").value("team-a").build()))
                    .taskDefinition();
            assertEquals(family, td.family());
            assertEquals(1, td.revision());
            assertEquals(TaskDefinitionStatus.ACTIVE, td.status());
            assertTrue(td.taskDefinitionArn().endsWith(":task-definition/" + family + ":1"), td.taskDefinitionArn());
            assertEquals(NetworkMode.AWSVPC, td.networkMode());
            assertEquals("app", td.containerDefinitions().get(0).name());
            assertEquals("public.ecr.aws/nginx/nginx:1.27", td.containerDefinitions().get(0).image());
            assertEquals(List.of(KeyValuePair.builder().name("MODE").value("prod").build()),
                    td.containerDefinitions().get(0).environment());

            TaskDefinition described = ecs.describeTaskDefinition(r -> r.taskDefinition(family + ":1")).taskDefinition();
            assertEquals(td.taskDefinitionArn(), described.taskDefinitionArn());

            Service service = ecs.createService(r -> r
                    .cluster(clusterName).serviceName(serviceName)
                    .taskDefinition(td.taskDefinitionArn())
                    .desiredCount(2).launchType(LaunchType.FARGATE).networkConfiguration(awsvpc)).service();
            assertEquals(serviceName, service.serviceName());
            assertEquals("ACTIVE", service.status());
            assertEquals(2, service.desiredCount());
            assertEquals(td.taskDefinitionArn(), service.taskDefinition());
            assertEquals(cluster.clusterArn(), service.clusterArn());

            List<Task> started = ecs.runTask(r -> r
                    .cluster(clusterName).taskDefinition(td.taskDefinitionArn())
                    .launchType(LaunchType.FARGATE).networkConfiguration(awsvpc)
                    .count(1).startedBy("ecs-guard-test").group("service:" + serviceName)).tasks();
            assertEquals(1, started.size());
            String taskArn = started.get(0).taskArn();
            assertTrue(taskArn.contains(":task/" + clusterName + "/"), taskArn);

            Task task = ecs.describeTasks(r -> r.cluster(clusterName).tasks(taskArn)).tasks().get(0);
            assertEquals(taskArn, task.taskArn());
            assertEquals(cluster.clusterArn(), task.clusterArn());
            assertEquals(td.taskDefinitionArn(), task.taskDefinitionArn());
            assertEquals("service:" + serviceName, task.group());
            assertEquals("ecs-guard-test", task.startedBy());
            assertEquals(LaunchType.FARGATE, task.launchType());
            assertEquals("RUNNING", task.desiredStatus());
            String statusBefore = task.lastStatus();
            assertNotNull(statusBefore);
            Task again = ecs.describeTasks(r -> r.cluster(clusterName).tasks(taskArn)).tasks().get(0);
            assertEquals(statusBefore, again.lastStatus(), "task status is frozen between describes");

            List<String> listed = ecs.listTasks(r -> r.cluster(clusterName)).taskArns();
            assertTrue(listed.contains(taskArn), () -> "ListTasks " + listed + " lacks " + taskArn);

            Task stopped = ecs.stopTask(r -> r.cluster(clusterName).task(taskArn).reason("ecs-guard: policy violation"))
                    .task();
            assertEquals(taskArn, stopped.taskArn());
            assertEquals("STOPPED", stopped.desiredStatus());
            assertEquals("ecs-guard: policy violation", stopped.stoppedReason());
            Task afterStop = ecs.describeTasks(r -> r.cluster(clusterName).tasks(taskArn)).tasks().get(0);
            assertEquals("STOPPED", afterStop.desiredStatus());
            assertEquals("ecs-guard: policy violation", afterStop.stoppedReason());

            // Scale the owning service to zero, then retire the task definition: the Lambda's other actions.
            Service scaled = ecs.updateService(r -> r.cluster(clusterName).service(serviceName).desiredCount(0)).service();
            assertEquals(0, scaled.desiredCount());
            Service describedService = ecs.describeServices(r -> r.cluster(clusterName).services(serviceName))
                    .services().get(0);
            assertEquals(0, describedService.desiredCount());

            TaskDefinition retired = ecs.deregisterTaskDefinition(r -> r.taskDefinition(td.taskDefinitionArn()))
                    .taskDefinition();
            assertEquals(TaskDefinitionStatus.INACTIVE, retired.status());
        }
    }

    @Test
    void applicationAutoScalingTargetOfServiceCanBeSuspended(AwsBackend aws) {
        aws.assumeAvailable("ecs");
        aws.assumeAvailable("applicationautoscaling");
        String clusterName = unique("guard");
        String serviceName = unique("web-svc");
        NetworkConfiguration awsvpc = EcsNetwork.create(aws).awsvpc();
        try (EcsClient ecs = aws.ecs(); ApplicationAutoScalingClient aas = aws.applicationAutoScaling()) {
            ecs.createCluster(r -> r.clusterName(clusterName));
            String td = ecs.registerTaskDefinition(r -> r.family(unique("web"))
                    .requiresCompatibilities(Compatibility.FARGATE).networkMode(NetworkMode.AWSVPC).cpu("256").memory("512")
                    .containerDefinitions(ContainerDefinition.builder()
                            .name("app").image("public.ecr.aws/nginx/nginx:1.27").cpu(256).memory(512).build()))
                    .taskDefinition().taskDefinitionArn();
            ecs.createService(r -> r.cluster(clusterName).serviceName(serviceName).taskDefinition(td)
                    .desiredCount(1).launchType(LaunchType.FARGATE).networkConfiguration(awsvpc));

            String resourceId = "service/" + clusterName + "/" + serviceName;
            aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(1).maxCapacity(4));
            // What the Lambda does after scaling a service to zero: keep auto scaling from undoing it.
            aas.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(resourceId)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)
                    .minCapacity(0).maxCapacity(0)
                    .suspendedState(st -> st.dynamicScalingInSuspended(true).dynamicScalingOutSuspended(true)
                            .scheduledScalingSuspended(true)));
            List<ScalableTarget> targets = aas.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                    .resourceIds(resourceId)).scalableTargets();
            assertEquals(1, targets.size(), () -> "targets: " + targets);
            ScalableTarget t = targets.get(0);
            assertEquals(resourceId, t.resourceId());
            assertEquals(ScalableDimension.ECS_SERVICE_DESIRED_COUNT, t.scalableDimension());
            assertEquals(0, t.minCapacity());
            assertEquals(0, t.maxCapacity());
            assertTrue(t.suspendedState().dynamicScalingInSuspended());
            assertTrue(t.suspendedState().dynamicScalingOutSuspended());
            assertTrue(t.suspendedState().scheduledScalingSuspended());
        }
    }

    @Test
    void snsAlertReachesSubscribedSqsQueue(AwsBackend aws) throws InterruptedException {
        try (SnsClient sns = aws.sns(); SqsClient sqs = aws.sqs()) {
            String queueUrl = sqs.createQueue(r -> r.queueName(unique("siem"))).queueUrl();
            String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertNotNull(queueArn);
            String topicArn = sns.createTopic(r -> r.name(unique("ecs-guard-alerts"))).topicArn();
            String subscriptionArn = sns.subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
            assertTrue(subscriptionArn.startsWith(topicArn + ":"), subscriptionArn);

            String body = "{\"finding\":\"privileged container\",\"task\":\"arn:aws:ecs:us-east-1:123456789012:task/c/1\"}";
            String messageId = sns.publish(r -> r.topicArn(topicArn).subject("ecs-guard: task stopped")
                    .message(body)
                    .messageAttributes(Map.of("severity",
                            MessageAttributeValue.builder().dataType("String").stringValue("HIGH").build())))
                    .messageId();
            assertNotNull(messageId);

            List<Message> received = receive(sqs, queueUrl, Duration.ofSeconds(20));
            assertEquals(1, received.size(), () -> "messages: " + received);
            Message m = received.get(0);
            assertEquals(body, m.body(), "raw delivery hands the SIEM the JSON body unchanged");
            assertEquals("HIGH", m.messageAttributes().get("severity").stringValue());
        }
    }

    @Test
    void ssmSecureStringPolicyRoundTrip(AwsBackend aws) {
        String name = "/ecs-guard/" + unique("policies") + "/main.rego";
        String rego = "package ecsguard\n\nimport rego.v1\n\ndeny contains msg if {\n"
                + "\tsome c in input.task.containers\n\tc.privileged\n\tmsg := sprintf(\"%s is privileged\", [c.name])\n}\n";
        try (SsmClient ssm = aws.ssm()) {
            long version = ssm.putParameter(r -> r.name(name).value(rego).type(ParameterType.SECURE_STRING)).version();
            assertEquals(1L, version);

            Parameter decrypted = ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter();
            assertEquals(name, decrypted.name());
            assertEquals(ParameterType.SECURE_STRING, decrypted.type());
            assertEquals(rego, decrypted.value());
            assertEquals(1L, decrypted.version());

            Parameter raw = ssm.getParameter(r -> r.name(name).withDecryption(false)).parameter();
            assertEquals(ParameterType.SECURE_STRING, raw.type());
            assertNotEquals(rego, raw.value(), "without decryption a SecureString is not handed out in clear");

            long v2 = ssm.putParameter(r -> r.name(name).value(rego + "# v2\n").type(ParameterType.SECURE_STRING)
                    .overwrite(true)).version();
            assertEquals(2L, v2);
            assertEquals(rego + "# v2\n", ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter().value());
        }
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl, Duration within) throws InterruptedException {
        List<Message> all = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (all.isEmpty() && System.nanoTime() < deadline) {
            all.addAll(sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
            if (all.isEmpty()) {
                Thread.sleep(100);
            }
        }
        assertFalse(all.isEmpty(), () -> "no message in " + queueUrl + " within " + within);
        return all;
    }
}
