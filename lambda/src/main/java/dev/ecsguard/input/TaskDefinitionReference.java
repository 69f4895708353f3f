package dev.ecsguard.input;

import java.util.Objects;

/**
 * How an event names a task definition: a full ARN, {@code family:revision}, or a bare
 * {@code family} (the latest ACTIVE revision), with the account and region the event is about so
 * that short forms can be turned into ARNs.
 */
public record TaskDefinitionReference(String text, String account, String region) {
    public TaskDefinitionReference {
        Objects.requireNonNull(text, "text");
    }

    public boolean isArn() {
        return text.startsWith("arn:");
    }

    /** {@code family:revision} or {@code family}: the part after {@code task-definition/} of an ARN. */
    public String familyAndRevision() {
        int i = text.indexOf(":task-definition/");
        return i >= 0 ? text.substring(i + ":task-definition/".length()) : text;
    }

    public String family() {
        String fr = familyAndRevision();
        int colon = fr.lastIndexOf(':');
        return colon >= 0 ? fr.substring(0, colon) : fr;
    }

    /** True when a revision is named: such a task definition never changes, so it can be cached. */
    public boolean namesRevision() {
        String fr = familyAndRevision();
        int colon = fr.lastIndexOf(':');
        if (colon < 0 || colon == fr.length() - 1) {
            return false;
        }
        for (int i = colon + 1; i < fr.length(); i++) {
            if (!Character.isDigit(fr.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The ARN: the text when it is one, else built from account and region when a revision is
     * named and both are known; otherwise null.
     */
    public String arn() {
        if (isArn()) {
            return text;
        }
        if (!namesRevision() || account == null || region == null) {
            return null;
        }
        return "arn:" + partition(region) + ":ecs:" + region + ":" + account + ":task-definition/" + text;
    }

    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    @Override
    public String toString() {
        return text;
    }
}
