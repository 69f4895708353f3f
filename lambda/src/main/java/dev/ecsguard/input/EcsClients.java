package dev.ecsguard.input;

import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The ECS client to read a resource with, by the account and region the resource is in: the
 * function's own client for its own account, a client with a role assumed in a member account for
 * an event forwarded from there (see {@code dev.ecsguard.aws.AccountAccess}). Either may be null
 * when unknown; the function's own client answers then.
 */
@FunctionalInterface
public interface EcsClients {
    EcsClient forResource(String account, String region);

    /** One client for every resource (one account, one region). */
    static EcsClients of(EcsClient client) {
        return (account, region) -> client;
    }

    /** The client for the resource an ARN names ({@code arn:PARTITION:ecs:REGION:ACCOUNT:...}); any other text: (null, null). */
    default EcsClient forArn(String arnOrName) {
        if (arnOrName != null && arnOrName.startsWith("arn:")) {
            String[] p = arnOrName.split(":", 6);
            if (p.length == 6) {
                return forResource(p[4].isEmpty() ? null : p[4], p[3].isEmpty() ? null : p[3]);
            }
        }
        return forResource(null, null);
    }
}
