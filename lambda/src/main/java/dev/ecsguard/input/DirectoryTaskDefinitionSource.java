package dev.ecsguard.input;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Task definitions from JSON files, for replay without an AWS account. Each {@code *.json} file
 * (directories are searched recursively) holds either the output of
 * {@code aws ecs describe-task-definition --include TAGS} ({@code {"taskDefinition": ..., "tags": [...]}})
 * or a task definition object itself. A reference is matched as DescribeTaskDefinition would
 * match it: by ARN, then by {@code family:revision}, and a bare family by its highest ACTIVE
 * revision (a file whose {@code status} is INACTIVE is never the latest). A file whose ARN names an
 * account and region answers only references in that account and region: the same
 * {@code family:revision} of another account is another task definition. A file without an ARN
 * answers any account.
 */
public final class DirectoryTaskDefinitionSource implements TaskDefinitionSource {
    /**
     * @param account the account of the file's ARN, or null (no ARN: any account)
     * @param region likewise
     */
    private record Entry(ObjectValue taskDefinition, ObjectValue tags, String file, long revision, String account,
            String region, boolean active) {
        boolean answers(String wantAccount, String wantRegion) {
            return (account == null || wantAccount == null || account.equals(wantAccount))
                    && (region == null || wantRegion == null || region.equals(wantRegion));
        }
    }

    private final List<Path> roots;
    private final Map<String, Entry> byArn = new HashMap<>();
    private final Map<String, List<Entry>> byFamilyRevision = new HashMap<>();
    private final Map<String, List<Entry>> byFamily = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    public DirectoryTaskDefinitionSource(List<Path> roots) {
        this.roots = List.copyOf(roots);
        for (Path root : this.roots) {
            index(root);
        }
    }

    /**
     * The same files bundled as class-path resources (names relative to {@code anchor}), for a
     * source that needs no file system: the Lambda's SnapStart priming.
     */
    public static DirectoryTaskDefinitionSource ofResources(Class<?> anchor, List<String> names) {
        DirectoryTaskDefinitionSource source = new DirectoryTaskDefinitionSource(List.of());
        JsonFileTree.forEachResource(anchor, names, source::add, source.problems);
        return source;
    }

    /** Files that could not be read as task definitions (reported, not fatal). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int size() {
        return byFamilyRevision.values().stream().mapToInt(List::size).sum()
                + (int) byArn.values().stream().filter(e -> e.revision < 0).count();
    }

    private void index(Path root) {
        JsonFileTree.forEach(root, "task definitions", this::add, problems);
    }

    private void add(String file, Value v) {
        ObjectValue td = JsonFields.object(v, "taskDefinition");
        ObjectValue tags = ObjectValue.EMPTY;
        if (td != null) {
            tags = EcsTags.toObject(JsonFields.get(v, "tags"));
        } else if (v instanceof ObjectValue o && (o.get("containerDefinitions") != null || o.get("family") != null)) {
            td = o;
            if (o.get("tags") != null) {
                tags = EcsTags.toObject(o.get("tags"));
                td = o.without(StringValue.of("tags"));
            }
        } else {
            problems.add(file + ": neither a task definition nor DescribeTaskDefinition output");
            return;
        }
        long revision = td.get("revision") instanceof NumberValue n && n.isLong() ? n.longValue() : -1;
        String arn = JsonFields.nonEmpty(td, "taskDefinitionArn");
        String account = null;
        String region = null;
        if (arn != null) {
            String[] parts = arn.split(":", 6);
            if (parts.length == 6) {
                region = parts[3].isEmpty() ? null : parts[3];
                account = parts[4].isEmpty() ? null : parts[4];
            }
        }
        String family = JsonFields.nonEmpty(td, "family");
        if (family == null && arn != null) {
            family = new TaskDefinitionReference(arn, null, null).family();
        }
        if (revision < 0 && arn != null && new TaskDefinitionReference(arn, null, null).namesRevision()) {
            String fr = new TaskDefinitionReference(arn, null, null).familyAndRevision();
            revision = Long.parseLong(fr.substring(fr.lastIndexOf(':') + 1));
        }
        boolean active = !"INACTIVE".equals(JsonFields.string(td, "status"));
        Entry e = new Entry(td, tags, file, revision, account, region, active);
        if (arn != null) {
            byArn.put(arn, e);
        }
        if (family != null) {
            if (revision >= 0) {
                byFamilyRevision.computeIfAbsent(family + ":" + revision, k -> new ArrayList<>()).add(e);
            }
            byFamily.computeIfAbsent(family, k -> new ArrayList<>()).add(e);
        }
    }

    /** ECS tags ([{key, value}] or {k: v}) as an object. */

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference ref) {
        String account = ref.account();
        String region = ref.region();
        if (ref.isArn()) {
            String[] parts = ref.text().split(":", 6);
            if (parts.length == 6) {
                region = parts[3];
                account = parts[4];
            }
        }
        Entry e = ref.isArn() ? byArn.get(ref.text()) : null;
        if (e == null && ref.namesRevision()) {
            e = first(byFamilyRevision.get(ref.familyAndRevision()), account, region, false);
        } else if (e == null && !ref.isArn()) {
            e = first(byFamily.get(ref.family()), account, region, true);
        }
        if (e == null) {
            String where = account != null || region != null ? " (account " + account + ", region " + region + ")" : "";
            return new TaskDefinitionLookup.Missing("task definition " + ref.familyAndRevision() + where + " not found in "
                    + describeRoots());
        }
        return new TaskDefinitionLookup.Found(e.taskDefinition, e.tags, "file:" + e.file);
    }

    /** The entry answering the account and region; with {@code latestActive}, the highest ACTIVE revision among them. */
    private static Entry first(List<Entry> entries, String account, String region, boolean latestActive) {
        Entry best = null;
        for (Entry e : entries == null ? List.<Entry>of() : entries) {
            if (!e.answers(account, region) || (latestActive && !e.active)) {
                continue;
            }
            if (!latestActive) {
                return e;
            }
            if (best == null || best.revision < e.revision) {
                best = e;
            }
        }
        return best;
    }

    private String describeRoots() {
        return roots.isEmpty() ? "(no --taskdefs directory)" : String.join(", ", roots.stream().map(Path::toString).toList());
    }
}
