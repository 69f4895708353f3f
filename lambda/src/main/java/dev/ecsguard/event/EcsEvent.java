package dev.ecsguard.event;

import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;

/**
 * An event ecs-guard evaluates: a task state change, an ECS API call that succeeded, or a
 * deployment lifecycle hook invocation.
 */
public sealed interface EcsEvent {
    EventEnvelope envelope();

    Trigger trigger();

    /** The event's {@code detail}: a task, or a CloudTrail record. */
    default ObjectValue detail() {
        return envelope().detail();
    }

    /** The ARN (or, failing that, the name) of what the event is about, for logs and reports. */
    String resource();

    /** An ECS Task State Change: {@code detail} is the task. */
    record TaskStateChange(EventEnvelope envelope) implements EcsEvent {
        @Override
        public Trigger trigger() {
            return Trigger.TASK_STATE_CHANGE;
        }

        public String taskArn() {
            return JsonFields.string(detail(), "taskArn");
        }

        @Override
        public String resource() {
            return taskArn();
        }
    }

    /**
     * A successful ECS API call recorded by CloudTrail: {@code detail} is the CloudTrail record
     * (eventName, userIdentity, requestParameters, responseElements, ...).
     *
     * @param taskIndex for a RunTask/StartTask call, which of {@code responseElements.tasks} this
     *     event is about: a call that started several tasks is one event per task, so each is
     *     judged (and stopped) on its own; 0 otherwise
     */
    record ApiCall(EventEnvelope envelope, Trigger trigger, int taskIndex) implements EcsEvent {
        public ApiCall(EventEnvelope envelope, Trigger trigger) {
            this(envelope, trigger, 0);
        }

        /** The task of {@code responseElements.tasks} this event is about; null when the response names none. */
        public ObjectValue task() {
            ArrayValue tasks = JsonFields.array(responseElements(), "tasks");
            return tasks != null && taskIndex < tasks.size() ? JsonFields.asObject(tasks.get(taskIndex)) : null;
        }

        /** How many tasks the response names (RunTask, StartTask); 0 when none. */
        public int taskCount() {
            ArrayValue tasks = JsonFields.array(responseElements(), "tasks");
            return tasks == null ? 0 : tasks.size();
        }

        public ObjectValue requestParameters() {
            ObjectValue o = JsonFields.object(detail(), "requestParameters");
            return o == null ? ObjectValue.EMPTY : o;
        }

        /** responseElements; null when CloudTrail left them out or trimmed them. */
        public ObjectValue responseElements() {
            return JsonFields.object(detail(), "responseElements");
        }

        public ObjectValue userIdentity() {
            return JsonFields.object(detail(), "userIdentity");
        }

        @Override
        public String resource() {
            ObjectValue request = requestParameters();
            ObjectValue response = responseElements();
            String r = switch (trigger) {
                case RUN_TASK, START_TASK -> JsonFields.string(task(), "taskArn");
                case CREATE_SERVICE, UPDATE_SERVICE -> JsonFields.string(JsonFields.object(response, "service"), "serviceArn");
                case REGISTER_TASK_DEFINITION ->
                        JsonFields.string(JsonFields.object(response, "taskDefinition"), "taskDefinitionArn");
                case CREATE_TASK_SET, UPDATE_TASK_SET -> JsonFields.string(JsonFields.object(response, "taskSet"), "taskSetArn");
                case CREATE_CLUSTER, UPDATE_CLUSTER, UPDATE_CLUSTER_SETTINGS ->
                        JsonFields.string(JsonFields.object(response, "cluster"), "clusterArn");
                case CREATE_CAPACITY_PROVIDER, UPDATE_CAPACITY_PROVIDER ->
                        JsonFields.string(JsonFields.object(response, "capacityProvider"), "capacityProviderArn");
                case TAG_RESOURCE, UNTAG_RESOURCE, TASK_STATE_CHANGE, DEPLOYMENT -> null;
            };
            if (r != null) {
                return r;
            }
            // The response was left out or trimmed: what the request names.
            return JsonFields.string(request, switch (trigger) {
                case CREATE_SERVICE -> "serviceName";
                case UPDATE_SERVICE -> "service";
                case REGISTER_TASK_DEFINITION -> "family";
                case CREATE_TASK_SET -> "service";
                case UPDATE_TASK_SET -> "taskSet";
                case CREATE_CLUSTER -> "clusterName";
                case UPDATE_CLUSTER, UPDATE_CLUSTER_SETTINGS -> "cluster";
                case CREATE_CAPACITY_PROVIDER, UPDATE_CAPACITY_PROVIDER -> "name";
                case TAG_RESOURCE, UNTAG_RESOURCE -> "resourceArn";
                case RUN_TASK, START_TASK, TASK_STATE_CHANGE, DEPLOYMENT -> "taskDefinition";
            });
        }
    }

    /**
     * An ECS deployment lifecycle hook invocation (the deployment waits for {@code hookStatus}).
     * Two shapes: the current one, {@code {executionId, lifecycleStage, resourceArn,
     * executionDetails: {serviceArn, targetServiceRevisionArn, testTrafficWeights,
     * productionTrafficWeights}, hookDetails}}, and the older one with the
     * {@code executionDetails} fields at the top level. {@code detail} is the payload itself.
     */
    record DeploymentHook(EventEnvelope envelope) implements EcsEvent {
        @Override
        public Trigger trigger() {
            return Trigger.DEPLOYMENT;
        }

        /** {@code executionDetails}, or the payload itself in the older shape. */
        ObjectValue details() {
            ObjectValue d = JsonFields.object(detail(), "executionDetails");
            return d != null ? d : detail();
        }

        /** The hook execution's ID (one per stage and deployment); null in the older shape. */
        public String executionId() {
            return JsonFields.nonEmpty(detail(), "executionId");
        }

        /** {@code PRE_SCALE_UP}, ...; null in the older shape. */
        public String lifecycleStage() {
            return JsonFields.nonEmpty(detail(), "lifecycleStage");
        }

        /** {@code resourceArn}: the service deployment ({@code ...:service-deployment/CLUSTER/SERVICE/ID}); may be null. */
        public String serviceDeploymentArn() {
            return JsonFields.nonEmpty(detail(), "resourceArn");
        }

        public String serviceArn() {
            return JsonFields.nonEmpty(details(), "serviceArn");
        }

        /** The service revision being deployed: what the gate judges. */
        public String targetServiceRevisionArn() {
            return JsonFields.nonEmpty(details(), "targetServiceRevisionArn");
        }

        /** {@code hookDetails} from the service's hook configuration; null when none. */
        public ObjectValue hookDetails() {
            return JsonFields.object(detail(), "hookDetails");
        }

        public ObjectValue trafficWeights(String which) {
            return JsonFields.object(details(), which);
        }

        /**
         * What is deployed, as one ARN: the service deployment, else the target service revision,
         * else the service. Both first ones are unique per deployment, so the ledger and the alert
         * of one deployment are never those of another deployment of the same service.
         */
        @Override
        public String resource() {
            String deployment = serviceDeploymentArn();
            if (deployment != null && deployment.startsWith("arn:")) {
                return deployment;
            }
            String revision = targetServiceRevisionArn();
            return revision != null ? revision : serviceArn();
        }
    }
}
