package dev.ecsguard.input;

import dev.ecsguard.rego.value.ObjectValue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;

/**
 * ECS DescribeServiceRevisions of one revision, in the account and region its ARN names (through
 * {@link EcsClients}). A revision ECS reports under {@code failures} (MISSING...) and an AWS error
 * are {@link ServiceRevisionLookup.Missing}, so the decision becomes {@code error}.
 */
public final class EcsServiceRevisionSource implements ServiceRevisionSource {
    public static final String FROM = "ecs:DescribeServiceRevisions";

    private final EcsClients clients;

    public EcsServiceRevisionSource(EcsClients clients) {
        this.clients = clients;
    }

    @Override
    public ServiceRevisionLookup lookup(String arn) {
        try {
            DescribeServiceRevisionsResponse r = clients.forArn(arn).describeServiceRevisions(b -> b.serviceRevisionArns(arn));
            for (ServiceRevision revision : r.serviceRevisions()) {
                if (arn.equals(revision.serviceRevisionArn())) {
                    return new ServiceRevisionLookup.Found((ObjectValue) SdkValues.toValue(revision), FROM);
                }
            }
            for (Failure f : r.failures()) {
                if (arn.equals(f.arn()) || f.arn() == null) {
                    return new ServiceRevisionLookup.Missing("DescribeServiceRevisions " + arn + ": " + f.reason()
                            + (f.detail() == null ? "" : " (" + f.detail() + ")"));
                }
            }
            return new ServiceRevisionLookup.Missing("DescribeServiceRevisions " + arn + " returned no such revision");
        } catch (SdkException e) {
            return new ServiceRevisionLookup.Missing("DescribeServiceRevisions " + arn + " failed: " + e.getMessage());
        }
    }
}
