package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The service of a deployment ID: ListServices on the task's cluster (paginated), DescribeServices
 * ten at a time (the API's limit), stopping at the first service with a deployment or task set of
 * that ID. Only the task's own cluster is searched, and only an exact ID match counts: never "the
 * only service in the cluster". Wrap it in a {@link CachingServiceSource}: an ID never moves to
 * another service. An AWS error is answered as {@link ServiceLookup.Unknown}.
 */
public final class EcsServiceSource implements ServiceSource {
    static final int DESCRIBE_BATCH = 10;
    static final String FROM = "ecs:DescribeServices";

    private final EcsClients clients;

    public EcsServiceSource(EcsClient ecs) {
        this(EcsClients.of(ecs));
    }

    /** Services looked for in the account and region of the task's cluster ARN. */
    public EcsServiceSource(EcsClients clients) {
        this.clients = clients;
    }

    @Override
    public ServiceLookup lookup(ServiceReference ref) {
        int listed = 0;
        try {
            EcsClient ecs = clients.forArn(ref.cluster());
            List<String> batch = new ArrayList<>(DESCRIBE_BATCH);
            for (String arn : ecs.listServicesPaginator(b -> b.cluster(ref.cluster())).serviceArns()) {
                listed++;
                batch.add(arn);
                if (batch.size() == DESCRIBE_BATCH) {
                    Optional<ServiceLookup.Found> found = describeAndMatch(ecs, ref, batch);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                Optional<ServiceLookup.Found> found = describeAndMatch(ecs, ref, batch);
                if (found.isPresent()) {
                    return found.get();
                }
            }
        } catch (SdkException e) {
            return new ServiceLookup.Unknown("ListServices/DescribeServices for deployment " + ref + " failed: " + e.getMessage());
        }
        return new ServiceLookup.NoService("none of the " + listed + " services of " + ref.cluster()
                + " has a deployment or task set " + ref.deploymentId());
    }

    private static Optional<ServiceLookup.Found> describeAndMatch(EcsClient ecs, ServiceReference ref, List<String> arns) {
        // services that vanished between the two calls come back as failures: they have no deployment left
        return match(ecs.describeServices(b -> b.cluster(ref.cluster()).services(arns)).services(), ref);
    }

    /**
     * The service among {@code services} with a deployment or task set whose ID is exactly the
     * reference's. The section is built from facts that never change for that ID (name, ARN,
     * cluster, the deployment's launch type), so it can be cached; desiredCount changes with
     * every scaling and is left out.
     */
    static Optional<ServiceLookup.Found> match(List<Service> services, ServiceReference ref) {
        String id = ref.deploymentId();
        for (Service s : services) {
            for (Deployment d : s.deployments()) {
                if (id.equals(d.id())) {
                    return Optional.of(found(s, ref, d.launchTypeAsString(), d.taskDefinition()));
                }
            }
            for (TaskSet t : s.taskSets()) {
                if (id.equals(t.id())) {
                    return Optional.of(found(s, ref, t.launchTypeAsString(), t.taskDefinition()));
                }
            }
        }
        return Optional.empty();
    }

    private static ServiceLookup.Found found(Service s, ServiceReference ref, String launchType, String taskDefinition) {
        ObjectValue.Builder b = ObjectValue.builder();
        put(b, "name", s.serviceName());
        put(b, "arn", s.serviceArn());
        put(b, "cluster", s.clusterArn() != null ? s.clusterArn() : ref.cluster());
        put(b, "launchType", launchType);
        return new ServiceLookup.Found(b.build(), taskDefinition, FROM);
    }

    private static void put(ObjectValue.Builder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.put(StringValue.of(key), StringValue.of(value));
        }
    }
}
