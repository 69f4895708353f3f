package dev.ecsguard.check;

import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.ReceivedEvent;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
import dev.ecsguard.input.InputDocument;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.input.TaskDefinitionSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks files: reads each ({@link SourceFile}), tells what it holds ({@link CheckTarget}), builds
 * the input document (a task definition with {@link InputDocumentBuilder#taskDefinitionFile}; events with the
 * Lambda's {@link EventReader} and {@link InputDocumentBuilder}), evaluates it
 * ({@link PolicyRunner}) and places each violation in the file ({@link FindingLocator}).
 *
 * <p>The task definitions that events name come from {@code taskdefs} and from the task
 * definition files being checked, through replay's {@link DirectoryTaskDefinitionSource}.
 */
public final class Checker {
    /**
     * @param account {@code --account}, or null
     * @param region {@code --region}, or null
     * @param defaultRegion the region of task definition files that name none (AWS_REGION), or null
     */
    public record Options(String account, String region, String defaultRegion, List<Path> taskdefs) {
        public Options {
            taskdefs = List.copyOf(taskdefs);
        }
    }

    private final PolicyRunner policies;
    private final Options options;
    private final Consumer<String> warnings;

    /** @param warnings receives problems with the {@code taskdefs} files (not fatal) */
    public Checker(PolicyRunner policies, Options options, Consumer<String> warnings) {
        this.policies = policies;
        this.options = options;
        this.warnings = warnings;
    }

    /** One result per file, in order. */
    public List<FileResult> check(List<Path> paths) {
        List<Object> read = new ArrayList<>(paths.size());
        List<Path> taskDefinitionFiles = new ArrayList<>();
        boolean anyEvent = false;
        for (Path p : paths) {
            try {
                SourceFile file = SourceFile.read(p);
                CheckTarget target = CheckTarget.of(file);
                read.add(new Read(file, target));
                if (target instanceof CheckTarget.TaskDefinition) {
                    taskDefinitionFiles.add(p);
                } else {
                    anyEvent = true;
                }
            } catch (CheckInputException e) {
                read.add(FileResult.unreadable(p, e.problem()));
            }
        }
        InputDocumentBuilder eventInputs = anyEvent ? new InputDocumentBuilder(taskDefinitions(taskDefinitionFiles)) : null;
        List<FileResult> out = new ArrayList<>(paths.size());
        for (Object o : read) {
            out.add(o instanceof Read r ? check(r.file(), r.target(), eventInputs) : (FileResult) o);
        }
        return out;
    }

    private record Read(SourceFile file, CheckTarget target) {}

    private TaskDefinitionSource taskDefinitions(List<Path> taskDefinitionFiles) {
        List<Path> roots = new ArrayList<>(options.taskdefs());
        roots.addAll(taskDefinitionFiles);
        if (roots.isEmpty()) {
            return TaskDefinitionSource.NONE;
        }
        DirectoryTaskDefinitionSource source;
        try {
            source = new DirectoryTaskDefinitionSource(roots);
        } catch (RuntimeException e) {
            warnings.accept("task definitions: " + e.getMessage());
            return TaskDefinitionSource.NONE;
        }
        source.problems().forEach(p -> warnings.accept("task definitions: " + p));
        return source;
    }

    FileResult check(SourceFile file, CheckTarget target, InputDocumentBuilder eventInputs) {
        return switch (target) {
            case CheckTarget.TaskDefinition td -> {
                InputDocument input = InputDocumentBuilder.taskDefinitionFile(td.taskDefinition(), td.tags(),
                        options.account(), options.region(), options.defaultRegion(), file.path().toString());
                Decision d = policies.evaluate(input);
                yield new FileResult(file.path(), "task_definition",
                        List.of(new Evaluation("", null, InputDocumentBuilder.TASK_DEFINITION_FILE, d, locate(d, file))), null);
            }
            case CheckTarget.Event e -> new FileResult(file.path(), "event", events(file, eventInputs), null);
        };
    }

    private List<Evaluation> events(SourceFile file, InputDocumentBuilder eventInputs) {
        List<Evaluation> out = new ArrayList<>();
        for (ReceivedEvent received : EventReader.read(file.bytes())) {
            out.add(switch (received) {
                case ReceivedEvent.Ignored i -> new Evaluation(i.origin(), i.eventId(), i.trigger(),
                        new Decision.Skipped(i.reason()), List.of());
                case ReceivedEvent.Unreadable u -> new Evaluation(u.origin(), u.eventId(), u.trigger(),
                        new Decision.Error(u.reason()), List.of());
                case ReceivedEvent.Accepted a -> {
                    Decision d;
                    try {
                        d = policies.evaluate(eventInputs.build(a.event()));
                    } catch (RuntimeException | StackOverflowError ex) {
                        d = new Decision.Error("input document could not be built: " + ex);
                    }
                    yield new Evaluation(a.origin(), a.event().envelope().id(), a.event().trigger().label(), d, locate(d, file));
                }
            });
        }
        return out;
    }

    /** Each violation with its line, in line order (then rule id, then message). */
    private static List<Evaluation.Located> locate(Decision d, SourceFile file) {
        if (!(d instanceof Decision.Violation v)) {
            return List.of();
        }
        List<Evaluation.Located> out = new ArrayList<>();
        for (Finding f : v.findings()) {
            out.add(new Evaluation.Located(f, FindingLocator.locate(f, file.locations())));
        }
        out.sort(Comparator.comparingInt((Evaluation.Located l) -> l.position().line())
                .thenComparing(l -> String.valueOf(l.finding().rule()))
                .thenComparing(l -> l.finding().msg()));
        return out;
    }
}
