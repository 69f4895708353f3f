package dev.ecsguard.aws;

import java.util.Optional;

/**
 * The parts of an ARN ({@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}), for the account and
 * region a resource lives in and the names inside an ECS resource part.
 */
public record Arn(String partition, String service, String region, String account, String resource) {

    public static Optional<Arn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] p = text.split(":", 6);
        if (p.length != 6 || p[1].isEmpty() || p[2].isEmpty() || p[5].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Arn(p[1], p[2], p[3], p[4], p[5]));
    }

    /** The partition of a region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    public static String partitionOf(String region) {
        if (region != null && region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region != null && region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    /** The segment after the resource type: {@code service/prod/web} gives {@code prod/web}. */
    public String resourceName() {
        int slash = resource.indexOf('/');
        return slash >= 0 ? resource.substring(slash + 1) : resource;
    }

    /** The last segment of the resource ({@code task/prod/abc} gives {@code abc}). */
    public String lastSegment() {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    /** The resource type ({@code task}, {@code service}, {@code cluster}, {@code task-definition}). */
    public String resourceType() {
        int slash = resource.indexOf('/');
        return slash >= 0 ? resource.substring(0, slash) : resource;
    }
}
