package dev.ecsguard.enforce;

import dev.ecsguard.aws.Arn;
import dev.ecsguard.event.EcsEvent;
import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;

/**
 * What a decision is about, as actions need it: the task, its own service, its task definition,
 * the account and region. Read from the input document the policy saw (so the resources acted on
 * are exactly the ones judged); in {@code INPUT_MODE=detail}, where the policy saw the raw event,
 * from the event itself (the service then only from the task's {@code group}).
 *
 * @param trigger {@code task_state_change}, {@code run_task}, ...
 * @param eventId the event's id (for the stop reason and the ledger); may be null
 * @param account the account the resources are in; may be null
 * @param region their region; may be null
 * @param task the task, or null
 * @param service the task's own service (or the service of a CreateService/UpdateService call), or null
 * @param taskDefinitionArn the task definition revision, or null
 */
public record Subject(String trigger, String eventId, String account, String region, Task task, Service service,
        String taskDefinitionArn) {

    /** @param cluster the cluster ARN (or name); may be null */
    public record Task(String arn, String cluster, String lastStatus) {
        /** The task ID: the last part of the ARN. */
        public String id() {
            return arn.substring(arn.lastIndexOf('/') + 1);
        }
    }

    /** @param arn never null (built from the cluster and name when the event gave none) */
    public record Service(String arn, String name, String cluster) {}

    /** Only what a record names: nothing to act on (an event that could not be read or is not evaluated). */
    public static Subject of(String trigger, String eventId) {
        return new Subject(trigger, eventId, null, null, null, null, null);
    }

    /**
     * The subject of the input document the policy evaluated; {@code event} when the input is the
     * raw detail, or when there is no input (null).
     */
    public static Subject of(EcsEvent event, Value input) {
        if (!JsonFields.present(input, "schema_version")) {
            return fromEvent(event);
        }
        String account = JsonFields.nonEmpty(input, "account");
        String region = JsonFields.nonEmpty(input, "region");
        ObjectValue task = JsonFields.object(input, "task");
        ObjectValue service = JsonFields.object(input, "service");
        ObjectValue td = JsonFields.object(input, "taskDefinition");
        return new Subject(JsonFields.string(input, "trigger"), event.envelope().id(), account, region,
                task(JsonFields.nonEmpty(task, "arn"), JsonFields.nonEmpty(task, "cluster"), JsonFields.string(task, "lastStatus")),
                service(JsonFields.nonEmpty(service, "arn"), JsonFields.nonEmpty(service, "name"),
                        JsonFields.nonEmpty(service, "cluster"), account, region),
                revision(JsonFields.nonEmpty(td, "taskDefinitionArn")));
    }

    /** From the event alone (INPUT_MODE=detail). */
    static Subject fromEvent(EcsEvent event) {
        String account = event.envelope().account();
        String region = event.envelope().region();
        return switch (event) {
            case EcsEvent.TaskStateChange c -> {
                ObjectValue d = c.detail();
                String group = JsonFields.string(d, "group");
                String cluster = JsonFields.nonEmpty(d, "clusterArn");
                String serviceName = group != null && group.startsWith("service:") ? group.substring("service:".length()) : null;
                yield new Subject(c.trigger().label(), c.envelope().id(), account, region,
                        task(JsonFields.nonEmpty(d, "taskArn"), cluster, JsonFields.string(d, "lastStatus")),
                        service(null, serviceName == null || serviceName.isEmpty() ? null : serviceName, cluster, account, region),
                        revision(JsonFields.nonEmpty(d, "taskDefinitionArn")));
            }
            case EcsEvent.ApiCall call -> {
                ObjectValue t = call.task();
                ObjectValue svc = JsonFields.object(call.responseElements(), "service");
                ObjectValue td = JsonFields.object(call.responseElements(), "taskDefinition");
                String tdArn = t != null ? JsonFields.nonEmpty(t, "taskDefinitionArn") : JsonFields.nonEmpty(td, "taskDefinitionArn");
                yield new Subject(call.trigger().label(), call.envelope().id(), account, region,
                        t == null ? null : task(JsonFields.nonEmpty(t, "taskArn"), JsonFields.nonEmpty(t, "clusterArn"),
                                JsonFields.string(t, "lastStatus")),
                        service(JsonFields.nonEmpty(svc, "serviceArn"), JsonFields.nonEmpty(svc, "serviceName"),
                                JsonFields.nonEmpty(svc, "clusterArn"), account, region),
                        revision(tdArn));
            }
            case EcsEvent.DeploymentHook hook -> {
                String serviceArn = hook.serviceArn();
                String[] path = serviceArn == null ? new String[0] : Arn.parse(serviceArn).map(Arn::resource).orElse("").split("/");
                yield new Subject(hook.trigger().label(), hook.envelope().id(), account, region, null,
                        service(serviceArn, null, path.length == 3 ? path[1] : null, account, region), null);
            }
        };
    }

    private static Task task(String arn, String cluster, String lastStatus) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        if (cluster == null) {
            // new-format ARN task/CLUSTER/ID names its cluster; the old task/ID does not
            String resource = Arn.parse(arn).map(Arn::resource).orElse("");
            String[] parts = resource.split("/");
            if (parts.length == 3) {
                cluster = parts[1];
            }
        }
        return new Task(arn, cluster, lastStatus);
    }

    /** A service to act on: its ARN, or one built from the cluster and name when the account and region are known. */
    private static Service service(String arn, String name, String cluster, String account, String region) {
        if (arn != null && !arn.startsWith("arn:")) {
            arn = null;
        }
        if (name == null && arn != null) {
            name = arn.substring(arn.lastIndexOf('/') + 1);
        }
        if (cluster == null && arn != null) {
            String[] parts = Arn.parse(arn).map(Arn::resource).orElse("").split("/");
            cluster = parts.length == 3 ? parts[1] : null;
        }
        if (arn == null && name != null && cluster != null && account != null && region != null) {
            String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
            arn = "arn:" + Arn.partitionOf(region) + ":ecs:" + region + ":" + account + ":service/" + clusterName + "/" + name;
        }
        if (arn == null || name == null) {
            return null;
        }
        return new Service(arn, name, cluster);
    }

    /** Only an ARN that names a revision can be deregistered. */
    private static String revision(String arn) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":task-definition/")) {
            return null;
        }
        String fr = arn.substring(arn.indexOf(":task-definition/") + ":task-definition/".length());
        int colon = fr.lastIndexOf(':');
        return colon > 0 && colon < fr.length() - 1 && fr.substring(colon + 1).chars().allMatch(Character::isDigit) ? arn : null;
    }

    /** The cluster name of the task, else of the service; null when neither is known. */
    public String clusterName() {
        String c = task != null && task.cluster() != null ? task.cluster() : service != null ? service.cluster() : null;
        return c == null ? null : c.substring(c.lastIndexOf('/') + 1);
    }
}
