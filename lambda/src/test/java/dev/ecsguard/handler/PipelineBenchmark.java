package dev.ecsguard.handler;

import dev.ecsguard.config.Config;
import dev.ecsguard.decision.DecisionRecord;
import dev.ecsguard.input.CachingTaskDefinitionSource;
import dev.ecsguard.input.DirectoryTaskDefinitionSource;
import dev.ecsguard.input.InputDocumentBuilder;
import dev.ecsguard.log.DecisionJson;
import dev.ecsguard.log.JsonText;
import dev.ecsguard.policy.DirectoryPolicySource;
import dev.ecsguard.policy.PolicyCompiler;
import dev.ecsguard.policy.PolicySelfTest;
import dev.ecsguard.policy.PolicyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Handler time per event with warm caches: every evaluable sample in events-samples/ decided by
 * the Lambda's pipeline (task definitions from an in-memory cache, no AWS calls) and its log line
 * rendered, after a warm-up. Prints p50/p90/p99 of the whole per-event path.
 *
 * <pre>java -cp lambda/target/ecs-guard.jar:lambda/target/test-classes dev.ecsguard.handler.PipelineBenchmark [ROUNDS]</pre>
 * (from the repository root)
 */
public final class PipelineBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        Config config = Config.defaults();
        PolicyStore store = new PolicyStore(new DirectoryPolicySource(Path.of("policies")),
                new PolicyCompiler(config.policyQuery(), null, PolicySelfTest.NOT_RUN, Clock.systemUTC()),
                config.policyTtl(), Clock.systemUTC(), e -> { });
        store.refresh();
        CachingTaskDefinitionSource cache = new CachingTaskDefinitionSource(
                new DirectoryTaskDefinitionSource(List.of(Path.of("events-samples/taskdefs"))), 1_000);
        EnforcementPipeline pipeline = new EnforcementPipeline(config, store, new InputDocumentBuilder(cache));
        List<byte[]> events = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("events-samples"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String rel = p.toString();
                if (rel.contains("/task-state-change/") || rel.contains("/cloudtrail/") || rel.contains("/wrapped/")) {
                    events.add(Files.readAllBytes(p));
                }
            }
        }
        long sink = 0;
        for (int i = 0; i < rounds / 4 + 1; i++) {
            for (byte[] e : events) {
                for (DecisionRecord r : pipeline.process(e)) {
                    sink += JsonText.of(DecisionJson.fields(r)).length();
                }
            }
        }
        long[] perEvent = new long[rounds * events.size()];
        List<Long> inputUs = new ArrayList<>();
        List<Long> evalUs = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < rounds; i++) {
            for (byte[] e : events) {
                long t0 = System.nanoTime();
                for (DecisionRecord r : pipeline.process(e)) {
                    sink += JsonText.of(DecisionJson.fields(r)).length();
                    if (r.timings().evalMicros() > 0) {
                        inputUs.add(r.timings().inputMicros());
                        evalUs.add(r.timings().evalMicros());
                    }
                }
                perEvent[n++] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(perEvent);
        System.out.printf("%d payloads x %d rounds (%d files): per payload p50 %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us; cache hits %d (sink %d)%n",
                events.size(), rounds, events.size(), perEvent[n / 2] / 1e3, perEvent[n * 9 / 10] / 1e3, perEvent[n * 99 / 100] / 1e3,
                perEvent[n - 1] / 1e3, cache.hits(), sink);
        inputUs.sort(null);
        evalUs.sort(null);
        System.out.printf("per evaluated event: input document (with digest) p50 %d us, evaluation p50 %d us, p90 %d us%n",
                inputUs.get(inputUs.size() / 2), evalUs.get(evalUs.size() / 2), evalUs.get(evalUs.size() * 9 / 10));
    }
}
