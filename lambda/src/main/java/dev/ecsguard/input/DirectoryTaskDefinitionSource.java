package dev.ecsguard.input;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.NumberValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Task definitions from JSON files, for replay without an AWS account. Each {@code *.json} file
 * (directories are searched recursively) holds either the output of
 * {@code aws ecs describe-task-definition --include TAGS} ({@code {"taskDefinition": ..., "tags": [...]}})
 * or a task definition object itself. A reference is matched by ARN, then by
 * {@code family:revision}, and a bare family by its highest revision.
 */
public final class DirectoryTaskDefinitionSource implements TaskDefinitionSource {
    private record Entry(ObjectValue taskDefinition, ObjectValue tags, String file, long revision) {}

    private final List<Path> roots;
    private final Map<String, Entry> byArn = new HashMap<>();
    private final Map<String, Entry> byFamilyRevision = new HashMap<>();
    private final Map<String, Entry> latestByFamily = new HashMap<>();
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
        for (String name : names) {
            try (java.io.InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    source.problems.add(name + ": no such resource");
                    continue;
                }
                source.add(name, Json.parse(in.readAllBytes()));
            } catch (IOException | RuntimeException e) {
                source.problems.add(name + ": " + e.getMessage());
            }
        }
        return source;
    }

    /** Files that could not be read as task definitions (reported, not fatal). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int size() {
        return byFamilyRevision.size() + (int) byArn.values().stream().filter(e -> e.revision < 0).count();
    }

    private void index(Path root) {
        List<Path> files;
        if (Files.isRegularFile(root)) {
            files = List.of(root);
        } else {
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read task definitions in " + root, e);
            }
        }
        for (Path f : files) {
            try {
                add(f.toString(), Json.parse(Files.readAllBytes(f)));
            } catch (IOException | RuntimeException e) {
                problems.add(f + ": " + e.getMessage());
            }
        }
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
        Entry e = new Entry(td, tags, file, revision);
        String arn = JsonFields.nonEmpty(td, "taskDefinitionArn");
        if (arn != null) {
            byArn.put(arn, e);
        }
        String family = JsonFields.nonEmpty(td, "family");
        if (family == null && arn != null) {
            family = new TaskDefinitionReference(arn, null, null).family();
        }
        if (revision < 0 && arn != null && new TaskDefinitionReference(arn, null, null).namesRevision()) {
            String fr = new TaskDefinitionReference(arn, null, null).familyAndRevision();
            revision = Long.parseLong(fr.substring(fr.lastIndexOf(':') + 1));
            e = new Entry(td, tags, file, revision);
        }
        if (family != null) {
            if (revision >= 0) {
                byFamilyRevision.put(family + ":" + revision, e);
            }
            Entry latest = latestByFamily.get(family);
            if (latest == null || latest.revision < e.revision) {
                latestByFamily.put(family, e);
            }
        }
    }

    /** ECS tags ([{key, value}] or {k: v}) as an object. */

    @Override
    public TaskDefinitionLookup lookup(TaskDefinitionReference ref) {
        Entry e = ref.isArn() ? byArn.get(ref.text()) : null;
        if (e == null) {
            e = ref.namesRevision() ? byFamilyRevision.get(ref.familyAndRevision()) : latestByFamily.get(ref.family());
        }
        if (e == null) {
            return new TaskDefinitionLookup.Missing("task definition " + ref.familyAndRevision() + " not found in " + describeRoots());
        }
        return new TaskDefinitionLookup.Found(e.taskDefinition, e.tags, "file:" + e.file);
    }

    private String describeRoots() {
        return roots.isEmpty() ? "(no --taskdefs directory)" : String.join(", ", roots.stream().map(Path::toString).toList());
    }
}
