package dev.ecsguard.check;

import dev.ecsguard.decision.Finding;
import java.util.List;
import java.util.Optional;

/**
 * The line a finding is about, in the file it was found in. A finding about a container points at
 * that container's {@code "name"} (in the task definition's {@code containerDefinitions}, or, by its
 * {@code source}, a RunTask override or a running task's container); a finding about the network,
 * the caller, a platform version, a cluster, a capacity provider or tags at {@code assignPublicIp},
 * {@code userIdentity}, {@code platformVersion}, {@code settings}, {@code managedTerminationProtection},
 * {@code tagKeys} / {@code tags}; anything else at the task
 * definition's {@code family} (else {@code containerDefinitions}, else where the event names the
 * task definition, else the first line).
 */
public final class FindingLocator {
    private static final JsonLocations.Position FIRST_LINE = new JsonLocations.Position(1, 1);

    private FindingLocator() {}

    public static JsonLocations.Position locate(Finding f, JsonLocations where) {
        String source = f.details().get("source") instanceof String s ? s : "";
        String container = f.details().get("container") instanceof String c ? c : null;
        if (container != null) {
            List<String> arrays = switch (source) {
                case "overrides" -> List.of("containerOverrides", "containerDefinitions", "containers");
                case "task" -> List.of("containers", "containerDefinitions", "containerOverrides");
                default -> List.of("containerDefinitions", "containers", "containerOverrides");
            };
            for (String array : arrays) {
                Optional<JsonLocations.Position> at = where.container(array, container);
                if (at.isPresent()) {
                    return at.get();
                }
            }
        }
        List<String> fields = switch (source) {
            case "network" -> List.of("assignPublicIp", "networkConfiguration", "family", "containerDefinitions");
            case "caller" -> List.of("userIdentity", "family", "containerDefinitions");
            case "overrides" -> List.of("overrides", "containerOverrides", "family", "containerDefinitions");
            case "task" -> List.of("containers", "family", "containerDefinitions");
            case "platform" -> List.of("platformVersion", "family", "containerDefinitions");
            case "cluster" -> List.of("settings", "clusterName", "cluster");
            case "capacity_provider" -> List.of("managedTerminationProtection", "autoScalingGroupProvider", "name");
            case "tags" -> List.of("tagKeys", "tags", "family", "containerDefinitions");
            default -> List.of("family", "containerDefinitions", "taskDefinition");
        };
        for (String field : fields) {
            Optional<JsonLocations.Position> at = where.field(field);
            if (at.isPresent()) {
                return at.get();
            }
        }
        return where.field("taskDefinitionArn").orElse(FIRST_LINE);
    }
}
