package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.SortOrder;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/**
 * ECS DescribeTaskDefinition (with its tags), in the account and region of the reference (through
 * {@link EcsClients}). Wrap it in a {@link CachingTaskDefinitionSource}: revisions are immutable.
 * A bare family is its latest ACTIVE revision, as ECS resolves it: should DescribeTaskDefinition
 * answer with an INACTIVE revision (emulators do), the latest ACTIVE one is found with
 * ListTaskDefinitions instead, never the deregistered one. An AWS error is answered as
 * {@link TaskDefinitionLookup.Missing} with the error's message, so the decision becomes "error"
 * and nothing is remediated on a guess.
 */
public final class EcsTaskDefinitionSource implements TaskDefinitionSource {
    private final EcsClients clients;

    public EcsTaskDefinitionSource(EcsClient ecs) {
        this(EcsClients.of(ecs));
    }

    public EcsTaskDefinitionSource(EcsClients clients) {
        this.clients = clients;
    }

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference reference) {
        String name = reference.arn() != null ? reference.arn() : reference.text();
        try {
            EcsClient ecs = reference.isArn() ? clients.forArn(reference.text())
                    : clients.forResource(reference.account(), reference.region());
            DescribeTaskDefinitionResponse r = ecs.describeTaskDefinition(b -> b.taskDefinition(name).include(TaskDefinitionField.TAGS));
            if (r.taskDefinition() == null) {
                return new TaskDefinitionLookup.Missing("DescribeTaskDefinition " + name + " returned no task definition");
            }
            if (!reference.namesRevision() && r.taskDefinition().status() == TaskDefinitionStatus.INACTIVE) {
                String latest = latestActive(ecs, reference.family());
                if (latest == null) {
                    return new TaskDefinitionLookup.Missing("task definition family " + reference.family()
                            + " has no ACTIVE revision");
                }
                r = ecs.describeTaskDefinition(b -> b.taskDefinition(latest).include(TaskDefinitionField.TAGS));
            }
            ObjectValue td = (ObjectValue) SdkValues.toValue(r.taskDefinition());
            ObjectValue tags = r.hasTags() ? EcsTags.toObject(SdkValues.toValue(r.tags())) : ObjectValue.EMPTY;
            return new TaskDefinitionLookup.Found(td, tags, "ecs:DescribeTaskDefinition");
        } catch (SdkException e) {
            return new TaskDefinitionLookup.Missing("DescribeTaskDefinition " + name + " failed: " + e.getMessage());
        }
    }

    /**
     * The ARN of the family's highest ACTIVE revision, or null. Every page is read and the revision
     * compared, not the first answer trusted: {@code familyPrefix} also lists longer families, and
     * an emulator may not sort.
     */
    private static String latestActive(EcsClient ecs, String family) {
        String best = null;
        long bestRevision = -1;
        for (String arn : ecs.listTaskDefinitionsPaginator(b -> b.familyPrefix(family)
                .status(TaskDefinitionStatus.ACTIVE).sort(SortOrder.DESC)).taskDefinitionArns()) {
            TaskDefinitionReference ref = new TaskDefinitionReference(arn, null, null);
            if (!family.equals(ref.family()) || !ref.namesRevision()) {
                continue;
            }
            String fr = ref.familyAndRevision();
            long revision = Long.parseLong(fr.substring(fr.lastIndexOf(':') + 1));
            if (revision > bestRevision) {
                bestRevision = revision;
                best = arn;
            }
        }
        return best;
    }
}
