package dev.ecsguard.input;

import dev.ecsguard.event.EcsEvent;
import dev.ecsguard.event.EventEnvelope;
import dev.ecsguard.event.JsonFields;
import dev.ecsguard.event.Trigger;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.NullValue;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the policy input document, schema_version "1" (policies/README.md, "The input
 * document"; events-samples/README.md, "From event to input document"). Every section is built
 * only from what the event (and the task definition source) says; a section that is not known is
 * left out, never guessed. In particular {@code service} is the task's own service, named by its
 * {@code group} ({@code service:NAME}) or, when the group names none, found by the deployment ID
 * in its {@code startedBy} ({@code ecs-svc/...}, see {@link ServiceSource}); never "the only
 * service in the cluster".
 *
 * <p>When the event names a task definition that the source cannot provide, or a deployment whose
 * service could not be looked up, the document is returned with {@link InputDocument#missing()}
 * set: the decision is then "error", not a verdict on half the facts.
 */
public final class InputDocumentBuilder {
    public static final String SCHEMA_VERSION = "1";

    private static final StringValue K_SCHEMA = StringValue.of("schema_version");
    private static final StringValue K_TRIGGER = StringValue.of("trigger");
    private static final StringValue K_EVENT = StringValue.of("event");
    private static final StringValue K_ACCOUNT = StringValue.of("account");
    private static final StringValue K_REGION = StringValue.of("region");
    private static final StringValue K_TASK = StringValue.of("task");
    private static final StringValue K_TASK_DEFINITION = StringValue.of("taskDefinition");
    private static final StringValue K_SERVICE = StringValue.of("service");
    private static final StringValue K_NETWORK = StringValue.of("network");
    private static final StringValue K_TAGS = StringValue.of("tags");
    private static final StringValue K_CALLER = StringValue.of("caller");
    private static final StringValue K_REQUEST = StringValue.of("request");
    private static final StringValue K_TASK_SET = StringValue.of("taskSet");
    private static final StringValue K_CLUSTER = StringValue.of("cluster");
    private static final StringValue K_CAPACITY_PROVIDER = StringValue.of("capacityProvider");
    private static final StringValue K_TAGGING = StringValue.of("tagging");
    private static final StringValue K_DEPLOYMENT = StringValue.of("deployment");
    private static final StringValue K_IMAGES = StringValue.of("images");

    private static final String[] TASK_FIELDS = {"group", "launchType", "platformVersion", "lastStatus",
        "desiredStatus", "startedBy"};
    private static final String[] CONTAINER_FIELDS = {"name", "image", "imageDigest", "lastStatus"};

    private final TaskDefinitionSource taskDefinitions;
    private final ServiceSource services;
    private final ServiceRevisionSource revisions;

    /** Without a service source: a task known only by its deployment ID has an unknown service. */
    public InputDocumentBuilder(TaskDefinitionSource taskDefinitions) {
        this(taskDefinitions, ServiceSource.NONE);
    }

    /** Without a service revision source: a deployment hook's revision is missing (decision {@code error}). */
    public InputDocumentBuilder(TaskDefinitionSource taskDefinitions, ServiceSource services) {
        this(taskDefinitions, services, ServiceRevisionSource.NONE);
    }

    public InputDocumentBuilder(TaskDefinitionSource taskDefinitions, ServiceSource services, ServiceRevisionSource revisions) {
        this.taskDefinitions = taskDefinitions;
        this.services = services;
        this.revisions = revisions;
    }

    /** The trigger of a task definition checked as a file (ecs-guard check), not as an event. */
    public static final String TASK_DEFINITION_FILE = "task_definition_file";

    /**
     * The document of a task definition file (trigger {@code task_definition_file}):
     * {@code taskDefinition} as the file has it, {@code tags} the file's tags, {@code account} and
     * {@code region}; no {@code event}, {@code task}, {@code service}, {@code network},
     * {@code caller} or {@code request}.
     *
     * @param account the account (null: the task definition ARN's, else absent)
     * @param region the region (null: the task definition ARN's, else {@code defaultRegion})
     * @param defaultRegion the region when neither the caller nor the ARN gives one (AWS_REGION), or null
     * @param file where it came from, recorded as {@code file:PATH}
     */
    public static InputDocument taskDefinitionFile(ObjectValue taskDefinition, ObjectValue tags, String account,
            String region, String defaultRegion, String file) {
        String arn = JsonFields.nonEmpty(taskDefinition, "taskDefinitionArn");
        String[] arnParts = arn != null && arn.startsWith("arn:") ? arn.split(":", 6) : new String[0];
        if (account == null && arnParts.length == 6 && !arnParts[4].isEmpty()) {
            account = arnParts[4];
        }
        if (region == null && arnParts.length == 6 && !arnParts[3].isEmpty()) {
            region = arnParts[3];
        }
        if (region == null) {
            region = defaultRegion;
        }
        ObjectValue.Builder doc = ObjectValue.builder();
        doc.put(K_SCHEMA, StringValue.of(SCHEMA_VERSION));
        doc.put(K_TRIGGER, StringValue.of(TASK_DEFINITION_FILE));
        putString(doc, "account", account);
        putString(doc, "region", region);
        doc.put(K_TASK_DEFINITION, taskDefinition);
        doc.put(K_TAGS, tags);
        return new InputDocument(doc.build(), Optional.empty(), Optional.of("file:" + file));
    }

    /** The compatibility input ({@code INPUT_MODE=detail}): the event's raw {@code detail}. */
    public static InputDocument detailInput(EcsEvent event) {
        return InputDocument.complete(event.detail(), "event");
    }

    /** The input document of {@code event}. */
    public InputDocument build(EcsEvent event) {
        return switch (event) {
            case EcsEvent.TaskStateChange change -> taskStateChange(change);
            case EcsEvent.ApiCall call -> apiCall(call);
            case EcsEvent.DeploymentHook hook -> deployment(hook);
        };
    }

    private static ObjectValue.Builder common(EcsEvent e, String account, String region) {
        EventEnvelope env = e.envelope();
        ObjectValue.Builder doc = ObjectValue.builder();
        doc.put(K_SCHEMA, StringValue.of(SCHEMA_VERSION));
        doc.put(K_TRIGGER, StringValue.of(e.trigger().label()));
        ObjectValue.Builder ev = ObjectValue.builder();
        putString(ev, "id", env.id());
        putString(ev, "time", env.time());
        putString(ev, "detail_type", env.detailType());
        putString(ev, "source", env.source());
        putString(ev, "account", env.account());
        putString(ev, "region", env.region());
        doc.put(K_EVENT, ev.build());
        putString(doc, "account", account);
        putString(doc, "region", region);
        return doc;
    }

    private InputDocument taskStateChange(EcsEvent.TaskStateChange e) {
        ObjectValue detail = e.detail();
        String account = e.envelope().account();
        String region = e.envelope().region();
        ObjectValue.Builder doc = common(e, account, region);
        ObjectValue task = task(detail);
        doc.put(K_TASK, task);
        String tdRef = JsonFields.nonEmpty(detail, "taskDefinitionArn");
        String missing = null;
        ObjectValue service = serviceOfGroup(detail, account, region);
        if (service == null) {
            switch (serviceOfDeployment(detail, tdRef)) {
                case ServiceLookup.Found f -> service = f.service();
                case ServiceLookup.NoService n -> { } // looked for, none: the task has no service we can name
                // A policy may exempt by service ARN and only a known service can be scaled: deciding
                // as if there were none would be a guess, so this is missing data, as for a task definition.
                case ServiceLookup.Unknown u -> missing = u.reason();
                case null -> { }
            }
        }
        if (service != null) {
            doc.put(K_SERVICE, service);
        }
        String from = null;
        ObjectValue tags = ObjectValue.EMPTY;
        if (tdRef == null) {
            missing = join(missing, "the task state change names no taskDefinitionArn");
        } else {
            TaskDefinitionLookup lookup = taskDefinitions.lookup(new TaskDefinitionReference(tdRef, account, region));
            switch (lookup) {
                case TaskDefinitionLookup.Found f -> {
                    doc.put(K_TASK_DEFINITION, f.taskDefinition());
                    tags = f.tags();
                    from = f.from();
                }
                case TaskDefinitionLookup.Missing m -> missing = join(missing, m.reason());
            }
        }
        doc.put(K_TAGS, tags);
        return new InputDocument(doc.build(), Optional.ofNullable(missing), Optional.ofNullable(from));
    }

    /**
     * The service of the deployment in {@code startedBy} ({@code ecs-svc/...}), searched in the
     * task's own cluster only; null when startedBy names no deployment. A deployment runs one task
     * definition revision: a task running another one did not come from it (RunTask lets anyone
     * write {@code startedBy}), so that match is not its service.
     */
    private ServiceLookup serviceOfDeployment(ObjectValue detail, String taskDefinitionArn) {
        String deployment = ServiceReference.deploymentId(JsonFields.string(detail, "startedBy"));
        if (deployment == null) {
            return null;
        }
        String cluster = JsonFields.nonEmpty(detail, "clusterArn");
        if (cluster == null) {
            return new ServiceLookup.Unknown("the task was started by deployment " + deployment
                    + " but names no clusterArn to look for its service in");
        }
        ServiceLookup answer = services.lookup(new ServiceReference(cluster, deployment));
        if (answer instanceof ServiceLookup.Found f && isArn(f.taskDefinition()) && isArn(taskDefinitionArn)
                && !f.taskDefinition().equals(taskDefinitionArn)) {
            return new ServiceLookup.NoService("deployment " + deployment + " runs " + f.taskDefinition()
                    + ", the task runs " + taskDefinitionArn);
        }
        return answer;
    }

    private static boolean isArn(String s) {
        return s != null && s.startsWith("arn:");
    }

    private static String join(String first, String second) {
        return first == null ? second : first + "; " + second;
    }

    private InputDocument apiCall(EcsEvent.ApiCall e) {
        ObjectValue record = e.detail();
        ObjectValue request = e.requestParameters();
        ObjectValue response = e.responseElements();
        String account = first(JsonFields.string(record, "recipientAccountId"), e.envelope().account());
        String region = first(JsonFields.string(record, "awsRegion"), e.envelope().region());
        ObjectValue.Builder doc = common(e, account, region);
        String tdRef = null;
        ObjectValue tdFromEvent = null;
        ObjectValue tags = EcsTags.toObject(request.get("tags"));

        switch (e.trigger()) {
            case RUN_TASK, START_TASK -> {
                ObjectValue started = e.task(); // the one task of the call this event is about
                if (started != null) {
                    doc.put(K_TASK, task(started));
                    tdRef = JsonFields.nonEmpty(started, "taskDefinitionArn");
                }
                if (tdRef == null) {
                    tdRef = JsonFields.nonEmpty(request, "taskDefinition");
                }
                putNetwork(doc, request, null);
            }
            case CREATE_SERVICE, UPDATE_SERVICE -> {
                ObjectValue svc = JsonFields.object(response, "service");
                doc.put(K_SERVICE, service(request, svc, e.trigger() == Trigger.CREATE_SERVICE));
                tdRef = first(JsonFields.nonEmpty(request, "taskDefinition"), JsonFields.nonEmpty(svc, "taskDefinition"));
                putNetwork(doc, request, svc);
            }
            case REGISTER_TASK_DEFINITION -> {
                ObjectValue registered = JsonFields.object(response, "taskDefinition");
                tdFromEvent = registered != null ? registered : request.without(StringValue.of("tags"));
                ObjectValue responseTags = EcsTags.toObject(JsonFields.get(response, "tags"));
                if (responseTags.size() > 0) {
                    tags = responseTags;
                }
            }
            case CREATE_TASK_SET, UPDATE_TASK_SET -> {
                ObjectValue set = JsonFields.object(response, "taskSet");
                doc.put(K_TASK_SET, taskSet(request, set));
                doc.put(K_SERVICE, serviceOfTaskSet(request, set));
                tdRef = first(JsonFields.nonEmpty(request, "taskDefinition"), JsonFields.nonEmpty(set, "taskDefinition"));
                putNetwork(doc, request, set);
            }
            case CREATE_CLUSTER, UPDATE_CLUSTER, UPDATE_CLUSTER_SETTINGS -> doc.put(K_CLUSTER,
                    cluster(request, JsonFields.object(response, "cluster"), e.trigger() == Trigger.CREATE_CLUSTER));
            case CREATE_CAPACITY_PROVIDER, UPDATE_CAPACITY_PROVIDER -> doc.put(K_CAPACITY_PROVIDER,
                    capacityProvider(request, JsonFields.object(response, "capacityProvider"),
                            e.trigger() == Trigger.CREATE_CAPACITY_PROVIDER));
            case TAG_RESOURCE, UNTAG_RESOURCE -> {
                doc.put(K_TAGGING, tagging(request));
                tags = ObjectValue.EMPTY;   // the tags TagResource adds are tagging.added, not the resource's tags
            }
            case TASK_STATE_CHANGE, DEPLOYMENT -> throw new IllegalStateException("not an API call");
        }

        String missing = null;
        String from = null;
        if (tdFromEvent != null) {
            doc.put(K_TASK_DEFINITION, tdFromEvent);
            from = "event";
        } else if (tdRef != null) {
            switch (taskDefinitions.lookup(new TaskDefinitionReference(tdRef, account, region))) {
                case TaskDefinitionLookup.Found f -> {
                    doc.put(K_TASK_DEFINITION, f.taskDefinition());
                    from = f.from();
                    tags = merge(f.tags(), tags);
                }
                case TaskDefinitionLookup.Missing m -> missing = m.reason();
            }
        } else if (launchesFromTaskDefinition(e.trigger())) {
            missing = e.trigger().apiName() + " names no task definition (request and response trimmed?)";
        }
        doc.put(K_TAGS, tags);
        ObjectValue caller = caller(record);
        if (caller != null) {
            doc.put(K_CALLER, caller);
        }
        doc.put(K_REQUEST, request);
        return new InputDocument(doc.build(), Optional.ofNullable(missing), Optional.ofNullable(from));
    }

    /**
     * A deployment lifecycle hook (trigger {@code deployment}): what the deployment would start,
     * from DescribeServiceRevisions of its target revision and DescribeTaskDefinition of the
     * revision's task definition. {@code deployment} = {executionId, lifecycleStage, arn (the
     * service deployment), serviceRevisionArn, hookDetails}; {@code service} = {name, arn,
     * cluster, launchType, platformVersion, platformFamily, capacityProviderStrategy} of the
     * revision; {@code network} its assignPublicIp; {@code images} its containerImages as ECS
     * resolved them ({containerName, image, imageDigest}); {@code taskDefinition} and
     * {@code tags} as for every trigger. No task, caller or request: nothing has run yet.
     */
    private InputDocument deployment(EcsEvent.DeploymentHook h) {
        String account = h.envelope().account();
        String region = h.envelope().region();
        ObjectValue.Builder doc = common(h, account, region);
        ObjectValue.Builder d = ObjectValue.builder();
        putString(d, "executionId", h.executionId());
        putString(d, "lifecycleStage", h.lifecycleStage());
        putString(d, "arn", h.serviceDeploymentArn());
        String target = h.targetServiceRevisionArn();
        putString(d, "serviceRevisionArn", target);
        if (h.hookDetails() != null) {
            d.put(StringValue.of("hookDetails"), h.hookDetails());
        }
        doc.put(K_DEPLOYMENT, d.build());
        String missing = null;
        String from = null;
        ObjectValue revision = null;
        if (target == null) {
            missing = "the hook payload names no targetServiceRevisionArn";
        } else {
            switch (revisions.lookup(target)) {
                case ServiceRevisionLookup.Found f -> revision = f.revision();
                case ServiceRevisionLookup.Missing m -> missing = m.reason();
            }
        }
        doc.put(K_SERVICE, serviceOfRevision(h.serviceArn(), revision));
        ObjectValue tags = ObjectValue.EMPTY;
        if (revision != null) {
            putNetwork(doc, revision, null);
            ArrayValue images = JsonFields.array(revision, "containerImages");
            if (images != null) {
                doc.put(K_IMAGES, images);
            }
            String tdRef = JsonFields.nonEmpty(revision, "taskDefinition");
            if (tdRef == null) {
                missing = "service revision " + target + " names no taskDefinition";
            } else {
                switch (taskDefinitions.lookup(new TaskDefinitionReference(tdRef, account, region))) {
                    case TaskDefinitionLookup.Found f -> {
                        doc.put(K_TASK_DEFINITION, f.taskDefinition());
                        tags = f.tags();
                        from = f.from();
                    }
                    case TaskDefinitionLookup.Missing m -> missing = m.reason();
                }
            }
        }
        doc.put(K_TAGS, tags);
        return new InputDocument(doc.build(), Optional.ofNullable(missing), Optional.ofNullable(from));
    }

    /** The deployed service as its target revision describes it; name, arn and cluster alone when the revision is unknown. */
    static ObjectValue serviceOfRevision(String serviceArn, ObjectValue revision) {
        String arn = first(serviceArn, JsonFields.nonEmpty(revision, "serviceArn"));
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "name", JsonFields.lastSegment(arn));
        putString(b, "arn", arn);
        String cluster = JsonFields.nonEmpty(revision, "clusterArn");
        if (cluster == null && arn != null && arn.startsWith("arn:")) {
            String[] path = arn.substring(arn.lastIndexOf(':') + 1).split("/");
            if (path.length == 3) {
                cluster = arn.substring(0, arn.lastIndexOf(':') + 1) + "cluster/" + path[1];
            }
        }
        putString(b, "cluster", cluster);
        putString(b, "launchType", JsonFields.nonEmpty(revision, "launchType"));
        putString(b, "platformVersion", JsonFields.nonEmpty(revision, "platformVersion"));
        putString(b, "platformFamily", JsonFields.nonEmpty(revision, "platformFamily"));
        putFirstArray(b, "capacityProviderStrategy", revision, null);
        return b.build();
    }

    /** The task section from a task state change detail or a RunTask/StartTask response task. */
    static ObjectValue task(ObjectValue t) {
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "arn", JsonFields.string(t, "taskArn"));
        putString(b, "cluster", JsonFields.string(t, "clusterArn"));
        for (String f : TASK_FIELDS) {
            copy(b, t, f);
        }
        ArrayValue containers = JsonFields.array(t, "containers");
        if (containers != null) {
            Value[] out = new Value[containers.size()];
            for (int i = 0; i < out.length; i++) {
                ObjectValue.Builder c = ObjectValue.builder();
                for (String f : CONTAINER_FIELDS) {
                    copy(c, containers.get(i), f);
                }
                out[i] = c.build();
            }
            b.put(StringValue.of("containers"), ArrayValue.wrap(out));
        }
        ObjectValue overrides = JsonFields.object(t, "overrides");
        if (overrides != null) {
            b.put(StringValue.of("overrides"), overrides);
        }
        return b.build();
    }

    /** {@code group: service:NAME} names the task's own service; anything else names none here. */
    static ObjectValue serviceOfGroup(ObjectValue detail, String account, String region) {
        String group = JsonFields.string(detail, "group");
        if (group == null || !group.startsWith("service:") || group.length() == "service:".length()) {
            return null;
        }
        String name = group.substring("service:".length());
        String clusterArn = JsonFields.nonEmpty(detail, "clusterArn");
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "name", name);
        putString(b, "cluster", clusterArn);
        String clusterName = JsonFields.lastSegment(clusterArn);
        if (clusterName != null && account != null && region != null) {
            putString(b, "arn", "arn:" + TaskDefinitionReference.partition(region) + ":ecs:" + region + ":" + account
                    + ":service/" + clusterName + "/" + name);
        }
        return b.build();
    }

    /**
     * Calls that launch tasks of a task definition they must name. UpdateService and UpdateTaskSet
     * may leave it out (a scaling, a new network), so for them an unnamed task definition is not missing.
     */
    private static boolean launchesFromTaskDefinition(Trigger t) {
        return switch (t) {
            case RUN_TASK, START_TASK, CREATE_SERVICE, CREATE_TASK_SET -> true;
            default -> false;
        };
    }

    /**
     * CreateService / UpdateService: the service from the request and the response's service. What
     * the request sets wins over the response for the settings a call changes (platformVersion,
     * capacityProviderStrategy); {@code tags} only for CreateService, the one call that sets them all.
     */
    static ObjectValue service(ObjectValue request, ObjectValue response, boolean created) {
        ObjectValue.Builder b = ObjectValue.builder();
        String requested = first(JsonFields.nonEmpty(request, "serviceName"), JsonFields.nonEmpty(request, "service"));
        String name = first(JsonFields.nonEmpty(response, "serviceName"), JsonFields.lastSegment(requested));
        String arn = first(JsonFields.nonEmpty(response, "serviceArn"),
                requested != null && requested.startsWith("arn:") ? requested : null);
        putString(b, "name", name);
        putString(b, "arn", arn);
        putString(b, "cluster", first(JsonFields.nonEmpty(response, "clusterArn"), JsonFields.nonEmpty(request, "cluster")));
        Value desired = JsonFields.present(response, "desiredCount") ? JsonFields.get(response, "desiredCount") : JsonFields.get(request, "desiredCount");
        if (desired != null && !(desired instanceof NullValue)) {
            b.put(StringValue.of("desiredCount"), desired);
        }
        putString(b, "launchType", first(JsonFields.nonEmpty(response, "launchType"), JsonFields.nonEmpty(request, "launchType")));
        putString(b, "platformVersion", first(JsonFields.nonEmpty(request, "platformVersion"), JsonFields.nonEmpty(response, "platformVersion")));
        putString(b, "platformFamily", JsonFields.nonEmpty(response, "platformFamily"));
        putFirstArray(b, "capacityProviderStrategy", request, response);
        if (created) {
            b.put(K_TAGS, merge(EcsTags.toObject(JsonFields.get(response, "tags")), EcsTags.toObject(request.get("tags"))));
        }
        return b.build();
    }

    /** CreateTaskSet / UpdateTaskSet: the task set, from the request and the response's taskSet. */
    static ObjectValue taskSet(ObjectValue request, ObjectValue set) {
        ObjectValue.Builder b = ObjectValue.builder();
        String requested = JsonFields.nonEmpty(request, "taskSet");
        putString(b, "id", first(JsonFields.nonEmpty(set, "id"), taskSetId(requested)));
        putString(b, "arn", first(JsonFields.nonEmpty(set, "taskSetArn"), requested != null && requested.startsWith("arn:") ? requested : null));
        putString(b, "service", first(JsonFields.nonEmpty(set, "serviceArn"), JsonFields.nonEmpty(request, "service")));
        putString(b, "cluster", first(JsonFields.nonEmpty(set, "clusterArn"), JsonFields.nonEmpty(request, "cluster")));
        putString(b, "externalId", first(JsonFields.nonEmpty(request, "externalId"), JsonFields.nonEmpty(set, "externalId")));
        putString(b, "status", JsonFields.nonEmpty(set, "status"));
        putString(b, "taskDefinition", first(JsonFields.nonEmpty(set, "taskDefinition"), JsonFields.nonEmpty(request, "taskDefinition")));
        putString(b, "launchType", first(JsonFields.nonEmpty(request, "launchType"), JsonFields.nonEmpty(set, "launchType")));
        putString(b, "platformVersion", first(JsonFields.nonEmpty(request, "platformVersion"), JsonFields.nonEmpty(set, "platformVersion")));
        putString(b, "platformFamily", JsonFields.nonEmpty(set, "platformFamily"));
        putFirstArray(b, "capacityProviderStrategy", request, set);
        ObjectValue scale = first(JsonFields.object(request, "scale"), JsonFields.object(set, "scale"));
        if (scale != null) {
            b.put(StringValue.of("scale"), scale);
        }
        return b.build();
    }

    /** A task set ID ({@code ecs-svc/123...}) from the ID itself or its ARN ({@code ...:task-set/CLUSTER/SERVICE/ID}). */
    static String taskSetId(String idOrArn) {
        if (idOrArn == null || !idOrArn.startsWith("arn:")) {
            return idOrArn;
        }
        String[] path = idOrArn.substring(idOrArn.lastIndexOf(':') + 1).split("/", 4);
        return path.length == 4 && path[0].equals("task-set") ? path[3] : null;
    }

    /** The service a task set belongs to: name, arn, cluster. */
    static ObjectValue serviceOfTaskSet(ObjectValue request, ObjectValue set) {
        String requested = JsonFields.nonEmpty(request, "service");
        String arn = first(JsonFields.nonEmpty(set, "serviceArn"), requested != null && requested.startsWith("arn:") ? requested : null);
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "name", JsonFields.lastSegment(first(arn, requested)));
        putString(b, "arn", arn);
        putString(b, "cluster", first(JsonFields.nonEmpty(set, "clusterArn"), JsonFields.nonEmpty(request, "cluster")));
        return b.build();
    }

    /**
     * CreateCluster / UpdateCluster / UpdateClusterSettings: the cluster. {@code settings} as
     * {@code {name: value}}: the request's, overlaid with the response cluster's (the state after
     * the call); {@code tags} only for CreateCluster.
     */
    static ObjectValue cluster(ObjectValue request, ObjectValue cluster, boolean created) {
        ObjectValue.Builder b = ObjectValue.builder();
        String requested = first(JsonFields.nonEmpty(request, "clusterName"), JsonFields.nonEmpty(request, "cluster"));
        putString(b, "name", first(JsonFields.nonEmpty(cluster, "clusterName"), JsonFields.lastSegment(requested)));
        putString(b, "arn", first(JsonFields.nonEmpty(cluster, "clusterArn"), requested != null && requested.startsWith("arn:") ? requested : null));
        putString(b, "status", JsonFields.nonEmpty(cluster, "status"));
        ObjectValue settings = merge(settings(JsonFields.array(request, "settings")), settings(JsonFields.array(cluster, "settings")));
        if (settings.size() > 0) {
            b.put(StringValue.of("settings"), settings);
        }
        ObjectValue configuration = first(JsonFields.object(cluster, "configuration"), JsonFields.object(request, "configuration"));
        if (configuration != null) {
            b.put(StringValue.of("configuration"), configuration);
        }
        putFirstArray(b, "capacityProviders", cluster, request);
        if (created) {
            b.put(K_TAGS, merge(EcsTags.toObject(JsonFields.get(cluster, "tags")), EcsTags.toObject(request.get("tags"))));
        }
        return b.build();
    }

    /** ECS cluster settings {@code [{"name": n, "value": v}]} as {@code {n: v}}; {} for anything else. */
    static ObjectValue settings(ArrayValue list) {
        ObjectValue.Builder b = ObjectValue.builder();
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                String name = JsonFields.nonEmpty(list.get(i), "name");
                if (name != null && JsonFields.get(list.get(i), "value") instanceof StringValue value) {
                    b.put(StringValue.of(name), value);
                }
            }
        }
        return b.build();
    }

    /**
     * CreateCapacityProvider / UpdateCapacityProvider: the capacity provider. Its
     * {@code autoScalingGroupProvider} is the response's (the whole state after the call), else the
     * request's (for an update, only what it changes); {@code tags} only for CreateCapacityProvider.
     */
    static ObjectValue capacityProvider(ObjectValue request, ObjectValue provider, boolean created) {
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "name", first(JsonFields.nonEmpty(provider, "name"), JsonFields.nonEmpty(request, "name")));
        putString(b, "arn", JsonFields.nonEmpty(provider, "capacityProviderArn"));
        putString(b, "status", JsonFields.nonEmpty(provider, "status"));
        putString(b, "type", JsonFields.nonEmpty(provider, "type"));
        putString(b, "cluster", first(JsonFields.nonEmpty(provider, "cluster"), JsonFields.nonEmpty(request, "cluster")));
        for (String key : new String[] {"autoScalingGroupProvider", "managedInstancesProvider"}) {
            ObjectValue o = first(JsonFields.object(provider, key), JsonFields.object(request, key));
            if (o != null) {
                b.put(StringValue.of(key), o);
            }
        }
        if (created) {
            b.put(K_TAGS, merge(EcsTags.toObject(JsonFields.get(provider, "tags")), EcsTags.toObject(request.get("tags"))));
        }
        return b.build();
    }

    /**
     * TagResource / UntagResource: the resource ({@code resourceArn}, and {@code resourceType}, the
     * ARN's resource type: cluster, service, task-definition, capacity-provider, task, ...) and the
     * change: {@code added} {@code {key: value}} or {@code removed} (tag keys).
     */
    static ObjectValue tagging(ObjectValue request) {
        ObjectValue.Builder b = ObjectValue.builder();
        String arn = JsonFields.nonEmpty(request, "resourceArn");
        putString(b, "resourceArn", arn);
        putString(b, "resourceType", arnResourceType(arn));
        if (request.get("tags") != null) {
            b.put(StringValue.of("added"), EcsTags.toObject(request.get("tags")));
        }
        ArrayValue keys = JsonFields.array(request, "tagKeys");
        if (keys != null) {
            List<Value> removed = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof StringValue k) {
                    removed.add(k);
                }
            }
            b.put(StringValue.of("removed"), ArrayValue.wrap(removed.toArray(Value[]::new)));
        }
        return b.build();
    }

    /** {@code arn:aws:ecs:REGION:ACCOUNT:service/prod/web} gives {@code service}; null for anything else. */
    static String arnResourceType(String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        if (parts.length < 6) {
            return null;
        }
        int slash = parts[5].indexOf('/');
        return slash > 0 ? parts[5].substring(0, slash) : null;
    }

    /** The first of two holders that has {@code key} as an array, copied to {@code b}. */
    private static void putFirstArray(ObjectValue.Builder b, String key, ObjectValue preferred, ObjectValue other) {
        ArrayValue a = JsonFields.array(preferred, key);
        if (a == null) {
            a = JsonFields.array(other, key);
        }
        if (a != null) {
            b.put(StringValue.of(key), a);
        }
    }

    /** network.assignPublicIp from the request's awsvpcConfiguration, else the service's. */
    private static void putNetwork(ObjectValue.Builder doc, ObjectValue request, ObjectValue service) {
        String assign = assignPublicIp(request);
        if (assign == null) {
            assign = assignPublicIp(service);
        }
        if (assign != null) {
            doc.put(K_NETWORK, ObjectValue.builder().build().with(StringValue.of("assignPublicIp"), StringValue.of(assign)));
        }
    }

    private static String assignPublicIp(ObjectValue holder) {
        ObjectValue awsvpc = JsonFields.object(JsonFields.object(holder, "networkConfiguration"), "awsvpcConfiguration");
        return JsonFields.nonEmpty(awsvpc, "assignPublicIp");
    }

    /** The caller from CloudTrail's userIdentity, plus source IP and user agent. */
    static ObjectValue caller(ObjectValue record) {
        ObjectValue id = JsonFields.object(record, "userIdentity");
        ObjectValue issuer = JsonFields.object(JsonFields.object(id, "sessionContext"), "sessionIssuer");
        ObjectValue.Builder b = ObjectValue.builder();
        putString(b, "type", JsonFields.string(id, "type"));
        putString(b, "arn", JsonFields.string(id, "arn"));
        putString(b, "principalId", JsonFields.string(id, "principalId"));
        putString(b, "accountId", JsonFields.string(id, "accountId"));
        putString(b, "userName", first(JsonFields.string(id, "userName"), JsonFields.string(issuer, "userName")));
        putString(b, "sessionIssuerArn", JsonFields.string(issuer, "arn"));
        putString(b, "invokedBy", JsonFields.string(id, "invokedBy"));
        putString(b, "sourceIp", JsonFields.string(record, "sourceIPAddress"));
        putString(b, "userAgent", JsonFields.string(record, "userAgent"));
        ObjectValue c = b.build();
        return c.size() == 0 ? null : c;
    }

    private static ObjectValue merge(ObjectValue base, ObjectValue over) {
        ObjectValue out = base;
        for (int i = 0; i < over.size(); i++) {
            out = out.with(over.keyAt(i), over.valueAt(i));
        }
        return out;
    }

    private static void copy(ObjectValue.Builder b, Value from, String key) {
        Value v = JsonFields.get(from, key);
        if (v != null && !(v instanceof NullValue)) {
            b.put(StringValue.of(key), v);
        }
    }

    private static void putString(ObjectValue.Builder b, String key, String value) {
        if (value != null) {
            b.put(StringValue.of(key), StringValue.of(value));
        }
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
