package dev.ecsguard.config;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The clusters a deployment may act in ({@code CLUSTERS}): cluster names or cluster ARN patterns,
 * {@code *} matching any run of characters. A name entry matches the last part of the cluster's
 * ARN ({@code prod} matches {@code arn:aws:ecs:us-east-1:111122223333:cluster/prod}); an entry
 * that starts with {@code arn:} matches the whole ARN. Empty: every cluster.
 */
public record ClusterScope(List<String> entries) {
    public static final ClusterScope ALL = new ClusterScope(List.of());

    public ClusterScope {
        entries = List.copyOf(entries);
    }

    public boolean all() {
        return entries.isEmpty();
    }

    /** True when the cluster (an ARN or a name; null = unknown) is in scope. An unknown cluster is in scope only when all are. */
    public boolean includes(String cluster) {
        if (entries.isEmpty()) {
            return true;
        }
        if (cluster == null || cluster.isEmpty()) {
            return false;
        }
        String name = cluster.startsWith("arn:") ? cluster.substring(cluster.lastIndexOf('/') + 1) : cluster;
        for (String e : entries) {
            String subject = e.startsWith("arn:") ? cluster : name;
            if (glob(e).matcher(subject).matches()) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        String[] parts = pattern.split("\\*", -1);
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append(".*");
            }
            re.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(re.toString());
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "all" : String.join(",", entries);
    }
}
