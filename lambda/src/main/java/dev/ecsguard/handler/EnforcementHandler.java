package dev.ecsguard.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsguard.config.Config;
import dev.ecsguard.alert.AlertWriter;
import dev.ecsguard.aws.Arn;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.enforce.Subject;
import dev.ecsguard.aws.ClientFactory;
import dev.ecsguard.metrics.EmfMetrics;
import dev.ecsguard.restore.Restorer;
import java.util.ArrayList;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.decision.HookStatus;
import dev.ecsguard.config.EnforcementSettings;
import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.Trigger;
import dev.ecsguard.input.CachingServiceSource;
import dev.ecsguard.input.CachingTaskDefinitionSource;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.input.ServiceSource;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.log.JsonText;
import dev.ecsguard.log.StructuredLog;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicyLoadException;
import dev.ecsguard.policy.PolicySelfTests;
import dev.ecsguard.policy.PolicySource;
import dev.ecsguard.policy.PolicyStore;
import dev.ecsguard.policy.SsmPolicySource;
import dev.ecsguard.rego.PhaseTrace;
import dev.ecsguard.rego.ast.RegoVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathRequest;

/**
 * The enforcement Lambda: {@code dev.ecsguard.handler.EnforcementHandler::handleRequest}.
 *
 * <p>At init (once per execution environment, before the SnapStart snapshot): configuration from
 * the environment ({@link Config}), the ECS and SSM clients (URL-connection HTTP client, region
 * from {@code AWS_REGION}), the policy loaded from SSM and compiled. Each invocation: the policy is
 * refreshed when its TTL has passed, every event in the payload is decided by the
 * {@link EnforcementPipeline}, one JSON log line is written per event, and a summary is returned.
 * Nothing escapes {@link #handleRequest}: an event that cannot be decided is an "error" record,
 * so a poison event is never retried forever; and the events not decided by the {@link Deadline}
 * (the context's remaining time less a margin) are "error" records, never a function timeout
 * that would retry the whole batch.
 *
 * <p>SnapStart ({@link Resource}): {@link #beforeCheckpoint} primes the function (policy loaded and
 * compiled, the bundled sample events ({@link PrimingCorpus}) decided end to end for a few
 * hundred rounds, JSON and SDK request classes loaded);
 * {@link #afterRestore} reloads the policy, which may have changed since the snapshot was taken.
 */
public final class EnforcementHandler implements RequestStreamHandler, Resource {
    /** Priming decides the corpus this many rounds, or for at most {@link #PRIMING_BUDGET_NANOS}. */
    static final int PRIMING_ROUNDS = 300;
    static final long PRIMING_BUDGET_NANOS = 3_000_000_000L;

    private final Config config;
    private final StructuredLog log;
    private final PolicyStore policies;
    private final EnforcementPipeline pipeline;
    private final AwsWiring aws;
    private final EmfMetrics metrics;

    /** The Lambda runtime's constructor: configuration from the process environment. */
    public EnforcementHandler() {
        this(Config.fromEnvironment(System.getenv()), (AwsWiring) null, null, Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    /** Clients from {@code factory} (an emulator's endpoint in tests). */
    public EnforcementHandler(Config config, ClientFactory factory, StructuredLog log, Clock clock) {
        this(config, new AwsWiring(config, factory, clock), log, clock);
    }

    /**
     * Wires the function. A null {@code aws} is built from the configuration (region from
     * AWS_REGION, the SDK's endpoint and credential resolution); a null log writes to standard
     * output at {@code LOG_LEVEL}.
     */
    public EnforcementHandler(Config config, AwsWiring aws, StructuredLog log, Clock clock) {
        this.config = config;
        this.log = log != null ? log : StructuredLog.stdout(config.logLevel());
        this.aws = aws != null ? aws : AwsWiring.forFunction(config, clock);
        PhaseTrace.mark("AWS SDK clients built");
        this.metrics = new EmfMetrics(clock);
        PolicyCompiler compiler = new PolicyCompiler(config.policyQuery(), regoVersion(config.regoVersion()),
                PolicySelfTests.standard(), clock);
        this.policies = new PolicyStore(policySource(config, this.aws.ssm()), compiler, config.policyTtl(), clock,
                new PolicyRefreshLog(this.log));
        this.pipeline = new EnforcementPipeline(config, policies, this.aws.inputs(), this.aws.enforcement(metrics, this.log));
        this.log.info("ecs-guard initialised", configFields(config));
        policies.refresh();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        String response;
        byte[] payload = new byte[0];
        try {
            Deadline deadline = deadline(context);
            payload = in.readNBytes(config.maxEventBytes() + 1);
            learnAccount(context);
            Optional<List<String>> restore = RestoreRequest.read(payload);
            if (restore.isPresent()) {
                response = restore(restore.get());
            } else {
                policies.refreshIfStale();
                List<DecisionRecord> records = pipeline.process(payload, deadline);
                for (DecisionRecord r : records) {
                    log.decision(r);
                    metrics.decision(r);
                }
                Optional<HookStatus> hook = records.size() == 1 && records.get(0).origin().isEmpty()
                        ? HookStatus.of(records.get(0)) : Optional.empty();
                response = hook.isPresent() ? hookAnswer(hook.get()) : JsonText.of(summary(records));
            }
        } catch (RestoreRequest.BadRequest e) {
            log.error("restore", Map.of("exit", 2, "reason", e.getMessage()));
            response = JsonText.of(Map.of("restore", List.of(), "exit", 2, "reason", e.getMessage()));
        } catch (Throwable t) { // never let Lambda retry a poison event: report it and return
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("decision", "error");
            fields.put("reason", "handler failure: " + t);
            metrics.count("Errors", Map.of());
            if (EventReader.namesDeploymentHook(payload)) {
                // a deployment waits for this answer: HOOK_FAILURE_POLICY gives it, never a summary ECS cannot read
                HookStatus answer = config.enforcement().hookFailurePolicy() == EnforcementSettings.HookFailurePolicy.FAIL
                        ? HookStatus.FAILED : HookStatus.SUCCEEDED;
                fields.put("trigger", Trigger.DEPLOYMENT.label());
                fields.put("hook_status", answer.name());
                log.error("decision", fields);
                response = hookAnswer(answer);
            } else {
                log.error("decision", fields);
                response = JsonText.of(Map.of("events", 1, "error", 1, "records", List.of(fields)));
            }
        }
        metrics.flush(log::raw);
        out.write(response.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * The answer to a deployment lifecycle hook: {@code {"hookStatus": "SUCCEEDED"}} or
     * {@code FAILED}, nothing else (no IN_PROGRESS, so no callBackDelay or hookDetails).
     */
    static String hookAnswer(HookStatus status) {
        return "{\"hookStatus\":\"" + status.name() + "\"}";
    }

    /**
     * The Lambda context's remaining time less {@link Deadline#SAFETY_MARGIN}, taken when the
     * invocation starts; no deadline without a context (tests, local runs).
     */
    static Deadline deadline(Context context) {
        return context == null ? Deadline.NONE : Deadline.fromRemainingMillis(context.getRemainingTimeInMillis());
    }

    /** The function's own account from its ARN: no STS call needed to tell another account's events. */
    private void learnAccount(Context context) {
        if (context != null && context.getInvokedFunctionArn() != null) {
            Arn.parse(context.getInvokedFunctionArn()).ifPresent(a -> aws.accounts().learnHomeAccount(a.account()));
        }
    }

    /** {@code {"restore": [SERVICE_ARN, ...]}}: the answer says what became of each, and the CLI's exit code. */
    private String restore(List<String> services) {
        List<Restorer.Result> results = aws.restorer().restore(services);
        List<Object> rows = new ArrayList<>();
        for (Restorer.Result r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", r.service());
            row.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            row.put("detail", r.detail());
            rows.add(row);
            log.log(r.status() == Restorer.Status.RESTORED ? Config.LogLevel.INFO : Config.LogLevel.WARN, "restore", row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("restore", rows);
        m.put("exit", Restorer.exitCode(results));
        return JsonText.of(m);
    }

    /** The pipeline this function runs (tests and priming). */
    public EnforcementPipeline pipeline() {
        return pipeline;
    }

    public CachingTaskDefinitionSource taskDefinitionCache() {
        return aws.taskDefinitions();
    }

    public CachingServiceSource serviceCache() {
        return aws.services();
    }

    /** The AWS side of the function (tests read its ledger and clients). */
    public AwsWiring aws() {
        return aws;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        log.info("restored from snapshot: refreshing the policy", Map.of());
        policies.refresh();
    }

    /**
     * Runs everything an invocation runs, without AWS calls: the policy (loaded at init, or again
     * now), the bundled sample events through a pipeline like the function's (task definitions
     * from the jar instead of ECS, actions only planned, so nothing is called, nothing acts and no
     * sample enters the real caches), the alert texts of the violations,
     * the decision log lines rendered (not written), and the SDK request classes of the calls the
     * function makes. Enough rounds for the JIT to compile the hot paths before the snapshot.
     */
    public void prime() {
        long start = System.nanoTime();
        if (policies.current().isEmpty()) {
            policies.refresh();
        }
        int decided = 0;
        int rounds = 0;
        try {
            List<byte[]> events = PrimingCorpus.events();
            EnforcementPipeline priming = new EnforcementPipeline(config, policies,
                    new InputDocumentBuilder(PrimingCorpus.taskDefinitions(), ServiceSource.NONE, PrimingCorpus.serviceRevisions()));
            // Never the function's own pipeline: its violations would act (ledger, ECS, SNS) on sample resources.
            while (rounds < PRIMING_ROUNDS && System.nanoTime() - start < PRIMING_BUDGET_NANOS) {
                for (byte[] event : events) {
                    for (DecisionRecord r : priming.process(event)) {
                        JsonText.of(DecisionJson.fields(r));
                        HookStatus.of(r).ifPresent(EnforcementHandler::hookAnswer);
                        if (rounds == 0 && r.decision() instanceof Decision.Violation) {
                            AlertWriter.of(r, Subject.of(r.trigger(), r.eventId()), "dry-run");
                        }
                        decided++;
                    }
                }
                rounds++;
            }
        } catch (RuntimeException e) {
            log.warn("priming failed", Map.of("reason", String.valueOf(e)));
        }
        DescribeTaskDefinitionRequest.builder().taskDefinition("priming").include(TaskDefinitionField.TAGS).build();
        ListServicesRequest.builder().cluster("priming").build();
        DescribeServiceRevisionsRequest.builder().serviceRevisionArns("priming").build();
        DescribeServicesRequest.builder().cluster("priming").services("priming").build();
        GetParametersByPathRequest.builder().path("/priming").recursive(true).withDecryption(true).build();
        StopTaskRequest.builder().cluster("priming").task("priming").reason("priming").build();
        UpdateServiceRequest.builder().cluster("priming").service("priming").desiredCount(0).build();
        PutItemRequest.builder().tableName("priming").build();
        log.info("primed for snapshot", Map.of("decisions", decided, "rounds", rounds,
                "duration_us", (System.nanoTime() - start) / 1_000));
    }

    private static Map<String, Object> summary(List<DecisionRecord> records) {
        Map<String, Integer> counts = new TreeMap<>();
        List<Object> rows = new java.util.ArrayList<>(records.size());
        for (DecisionRecord r : records) {
            counts.merge(r.decision().label(), 1, Integer::sum);
            Map<String, Object> row = DecisionJson.fields(r);
            row.remove("timings_us");
            rows.add(row);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("events", records.size());
        m.putAll(counts);
        m.put("records", rows);
        return m;
    }

    static Map<String, Object> configFields(Config c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy_parameter", c.policyParameter().orElse(null));
        m.put("policy_path", c.policyPath().orElse(null));
        m.put("policy_query", c.policyQuery());
        m.put("input_mode", c.inputMode().label());
        m.put("rego_version", c.regoVersion().name().toLowerCase(java.util.Locale.ROOT));
        m.put("policy_ttl_seconds", c.policyTtl().toSeconds());
        m.put("mode", c.mode().label());
        m.put("actions", c.enforcement().actionsLabel());
        m.put("clusters", c.enforcement().clusters().toString());
        m.put("ledger_table", c.enforcement().ledgerTable());
        m.put("alert_topic_arn", c.enforcement().alertTopicArn().orElse(null));
        m.put("event_bus_name", c.enforcement().eventBusName().orElse(null));
        m.put("member_role_name", c.enforcement().memberRoleName().orElse(null));
        m.put("breaker", c.enforcement().breakerMaxRemediations() + " per " + c.enforcement().breakerWindow().toSeconds() + " s");
        m.put("hook_failure_policy", c.enforcement().hookFailurePolicy().label());
        m.put("log_level", c.logLevel().name());
        return m;
    }

    static Region region(Config c) {
        return c.awsRegion().map(Region::of).orElse(Region.US_EAST_1);
    }

    public static RegoVersion regoVersion(Config.RegoVersionSetting s) {
        return switch (s) {
            case V0 -> RegoVersion.V0;
            case V1 -> RegoVersion.V1;
            case AUTO -> null;
        };
    }

    public static PolicySource policySource(Config c, SsmClient ssm) {
        if (c.policyParameter().isPresent()) {
            return SsmPolicySource.parameter(ssm, c.policyParameter().get());
        }
        if (c.policyPath().isPresent()) {
            return SsmPolicySource.path(ssm, c.policyPath().get());
        }
        return new PolicySource() {
            @Override
            public dev.ecsguard.policy.PolicyContents load() throws PolicyLoadException {
                throw new PolicyLoadException("neither POLICY_PARAMETER nor POLICY_PATH is set");
            }

            @Override
            public String describe() {
                return "no policy location";
            }
        };
    }

    /** Turns policy refresh events into log lines. */
    record PolicyRefreshLog(StructuredLog log) implements java.util.function.Consumer<PolicyStore.RefreshEvent> {
        @Override
        public void accept(PolicyStore.RefreshEvent event) {
            switch (event) {
                case PolicyStore.RefreshEvent.Loaded l -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("policy_version", l.policy().version());
                    f.put("policy_sha256", l.policy().sha256());
                    f.put("previous_sha256", l.previousSha256());
                    f.put("self_test", l.policy().selfTest().summary());
                    log.info("policy loaded", f);
                }
                case PolicyStore.RefreshEvent.Unchanged u -> log.log(Config.LogLevel.DEBUG, "policy unchanged", Map.of("policy_sha256", u.sha256()));
                case PolicyStore.RefreshEvent.Rejected r -> {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("reason", r.reason());
                    f.put("kept_policy_version", r.keptInForce().map(p -> p.version()).orElse(null));
                    f.put("kept_policy_sha256", r.keptInForce().map(p -> p.sha256()).orElse(null));
                    log.error("policy rejected", f);
                }
            }
        }
    }
}
