package dev.ecsguard.input;

import dev.ecsguard.event.JsonFields;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Service revisions from JSON files, for replaying deployment hook payloads without an AWS
 * account. Each {@code *.json} file (directories are searched recursively) holds the output of
 * {@code aws ecs describe-service-revisions --service-revision-arns ARN...}
 * ({@code {"serviceRevisions": [...]}}) or one revision object; revisions are found by their
 * {@code serviceRevisionArn}, which is unique across accounts and regions.
 */
public final class DirectoryServiceRevisionSource implements ServiceRevisionSource {
    private record Entry(ObjectValue revision, String file) {}

    private final List<Path> roots;
    private final Map<String, Entry> byArn = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    public DirectoryServiceRevisionSource(List<Path> roots) {
        this.roots = List.copyOf(roots);
        for (Path root : this.roots) {
            JsonFileTree.forEach(root, "service revisions", this::add, problems);
        }
    }

    /** The same files bundled as class-path resources (the Lambda's SnapStart priming). */
    public static DirectoryServiceRevisionSource ofResources(Class<?> anchor, List<String> names) {
        DirectoryServiceRevisionSource source = new DirectoryServiceRevisionSource(List.of());
        JsonFileTree.forEachResource(anchor, names, source::add, source.problems);
        return source;
    }

    private void add(String file, Value v) {
        ArrayValue listed = JsonFields.array(v, "serviceRevisions");
        if (listed == null && JsonFields.nonEmpty(v, "serviceRevisionArn") != null) {
            listed = ArrayValue.wrap(new Value[] {v});
        }
        if (listed == null) {
            problems.add(file + ": neither a service revision nor DescribeServiceRevisions output");
            return;
        }
        for (int i = 0; i < listed.size(); i++) {
            String arn = JsonFields.nonEmpty(listed.get(i), "serviceRevisionArn");
            if (arn == null) {
                problems.add(file + ": serviceRevisions[" + i + "] has no serviceRevisionArn");
                continue;
            }
            byArn.put(arn, new Entry((ObjectValue) listed.get(i), file));
        }
    }

    /** Files that could not be read as service revisions (reported, not fatal). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public int size() {
        return byArn.size();
    }

    @Override
    public ServiceRevisionLookup lookup(String arn) {
        Entry e = byArn.get(arn);
        if (e == null) {
            return new ServiceRevisionLookup.Missing("service revision " + arn + " not found in "
                    + (roots.isEmpty() ? "(no revisions directory beside the file, no --revisions)" : String.join(", ", roots.stream().map(Path::toString).toList())));
        }
        return new ServiceRevisionLookup.Found(e.revision(), "file:" + e.file());
    }
}
