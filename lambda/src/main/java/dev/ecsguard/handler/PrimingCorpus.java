package dev.ecsguard.handler;

import dev.ecsguard.input.DirectoryServiceRevisionSource;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
import dev.ecsguard.input.ServiceRevisionSource;
import dev.ecsguard.input.TaskDefinitionSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What SnapStart priming decides before the snapshot: sample events of every kind of decision the
 * function makes (task state changes compliant and violating, each CloudTrail call, an SQS/SNS
 * delivery, deployment lifecycle hooks compliant and blocked), with the task definitions and
 * service revisions they name. The files are events-samples/, bundled into the
 * jar at build time (lambda/pom.xml), so there is no second copy to drift. Deciding a variety of
 * events, not one event many times, is what loads and compiles the paths the first real events
 * take: measured, the first decision of a kind not primed costs 30-180 ms, a primed one 1-5 ms.
 */
final class PrimingCorpus {
    static final String ROOT = "/dev/ecsguard/handler/priming/";

    /** Events, relative to events-samples/. The first needs no task definition lookup. */
    static final List<String> EVENTS = List.of(
            "cloudtrail/registertaskdefinition-privileged.json",
            "cloudtrail/runtask-overrides-command-env-role.json",
            "cloudtrail/createservice-public-ip.json",
            "cloudtrail/updateservice-new-revision-latest-tag.json",
            "task-state-change/debug-tools-standalone-privileged-running.json",
            "task-state-change/web-service-04-running.json",
            "wrapped/sqs-from-sns-metrics-agent-pending.json",
            "cloudtrail/createtaskset-public-ip-old-platform.json",
            "cloudtrail/createcluster-no-insights-untagged.json",
            "cloudtrail/updatecapacityprovider-protection-turned-off.json",
            "cloudtrail/untagresource-required-team-tag.json",
            "deployment-hook/pre-scale-up-web-compliant.json",
            "deployment-hook/pre-scale-up-web-privileged.json");

    /** The task definitions those events name (events-samples/taskdefs/). */
    static final List<String> TASK_DEFINITIONS = List.of(
            "taskdefs/report-generator.5.json",
            "taskdefs/web.12.json",
            "taskdefs/web.13.json",
            "taskdefs/debug-tools.3.json",
            "taskdefs/metrics-agent.7.json",
            "taskdefs/web.14.json");

    /** The service revisions the hook events deploy (events-samples/deployment-hook/revisions/). */
    static final List<String> SERVICE_REVISIONS = List.of("deployment-hook/revisions/web.json");

    private PrimingCorpus() {}

    /** The events' bytes, in {@link #EVENTS} order. */
    static List<byte[]> events() {
        List<byte[]> out = new ArrayList<>(EVENTS.size());
        for (String name : EVENTS) {
            out.add(read(name));
        }
        return out;
    }

    /** The task definitions, as a source that reads nothing but the jar. */
    static TaskDefinitionSource taskDefinitions() {
        return DirectoryTaskDefinitionSource.ofResources(PrimingCorpus.class,
                TASK_DEFINITIONS.stream().map(n -> ROOT + n).toList());
    }

    /** The service revisions, as a source that reads nothing but the jar. */
    static ServiceRevisionSource serviceRevisions() {
        return DirectoryServiceRevisionSource.ofResources(PrimingCorpus.class,
                SERVICE_REVISIONS.stream().map(n -> ROOT + n).toList());
    }

    static byte[] read(String name) {
        try (InputStream in = PrimingCorpus.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("priming event " + name + " is not in the jar"));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
