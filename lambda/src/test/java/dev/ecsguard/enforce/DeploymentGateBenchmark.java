package dev.ecsguard.enforce;

import dev.ecsguard.handler.EnforcementHandler;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.testsupport.AwsBackend;
import dev.ecsguard.testsupport.MotoServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The deployment gate's answer time, warm: the real handler (MODE=enforce) answers hook payloads
 * for a service of moto_server's, as {@link DeploymentGateEndToEndTest} sets it up, each a new
 * deployment (its own ledger keys and alert). Per answer: DescribeServiceRevisions (served by
 * WireMock), the task definition (DescribeTaskDefinition once, then the cache), the policy, and for
 * a blocked deployment the ledger claim and outcome (DynamoDB), the alert claim, SNS Publish and
 * EventBridge PutEvents, all over loopback HTTP to the emulator. Prints the first answer of the new
 * handler, then p50/p90/p99/max of compliant (SUCCEEDED) and violating (FAILED) answers after a warm-up.
 *
 * <pre>cd lambda &amp;&amp; java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
 *     dev.ecsguard.enforce.DeploymentGateBenchmark [ROUNDS]</pre>
 * (after {@code mvn -B -pl lambda -am test-compile dependency:build-classpath -Dmdep.includeScope=test
 * -Dmdep.outputFile=target/test-classpath.txt} from the repository root; needs moto_server on PATH)
 */
public final class DeploymentGateBenchmark {
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Path moto = onPath("moto_server");
        try (MotoServer server = MotoServer.start(moto, Path.of("target"), Duration.ofSeconds(60))) {
            AwsBackend aws = new AwsBackend(AwsBackend.Kind.MOTO, server.endpoint(), AwsBackend.REGION,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), Set.of());
            try (DeploymentGateEndToEndTest.Gate g = new DeploymentGateEndToEndTest.Gate(aws)) {
                EnforcementHandler h = g.handler(Map.of("MODE", "enforce"));
                String compliant = g.deploy(g.compliant, DeploymentGateEndToEndTest.Shape.CURRENT).revision();
                String violating = g.deploy(g.privileged, DeploymentGateEndToEndTest.Shape.CURRENT).revision();
                long first = answer(g, h, violating, "FAILED");
                for (int i = 0; i < 50; i++) {
                    answer(g, h, compliant, "SUCCEEDED");
                    answer(g, h, violating, "FAILED");
                }
                long[] ok = new long[rounds];
                long[] blocked = new long[rounds];
                long[][] okParts = new long[3][rounds];
                long[][] blockedParts = new long[3][rounds];
                for (int i = 0; i < rounds; i++) {
                    ok[i] = answer(g, h, compliant, "SUCCEEDED", okParts, i);
                    blocked[i] = answer(g, h, violating, "FAILED", blockedParts, i);
                }
                System.out.printf("first answer of a new handler (blocked, task definition read from ECS): %.1f ms%n", first / 1e6);
                print("compliant, SUCCEEDED", ok);
                parts(okParts);
                print("violating, FAILED (ledger, SNS, EventBridge)", blocked);
                parts(blockedParts);
                long[] emulator = new long[rounds];
                try (var dynamo = aws.dynamoDb()) {
                    for (int i = 0; i < rounds; i++) {
                        long start = System.nanoTime();
                        dynamo.getItem(b -> b.tableName(g.f.ledgerTable).key(Map.of("pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("none"))));
                        emulator[i] = System.nanoTime() - start;
                    }
                }
                print("for scale, one DynamoDB GetItem on the emulator", emulator);
                long[] put = new long[Math.min(rounds, 50)];
                try (var events = aws.eventBridge()) {
                    for (int i = 0; i < put.length; i++) {
                        long start = System.nanoTime();
                        events.putEvents(b -> b.entries(e -> e.eventBusName(g.f.eventBus).source("ecs-guard")
                                .detailType("ecs-guard Decision").detail("{\"x\":1}")));
                        put[i] = System.nanoTime() - start;
                    }
                }
                print("for scale, one EventBridge PutEvents (a rule to SQS) on the emulator", put);
            }
        }
    }

    static long answer(DeploymentGateEndToEndTest.Gate g, EnforcementHandler h, String revision, String expected) {
        return answer(g, h, revision, expected, null, 0);
    }

    /**
     * Nanoseconds the handler took to answer a new deployment of {@code revision}; the answer is
     * checked; the decision record's input, eval and act microseconds go to {@code parts[0..2][i]}.
     */
    static long answer(DeploymentGateEndToEndTest.Gate g, EnforcementHandler h, String revision, String expected,
            long[][] parts, int i) {
        DeploymentGateEndToEndTest.Hook hook = g.hook(revision, DeploymentGateEndToEndTest.Shape.CURRENT);
        long start = System.nanoTime();
        ObjectValue response = EnforcementFixture.invoke(h, hook.payload());
        long took = System.nanoTime() - start;
        String status = String.valueOf(Json.toJava(response.get("hookStatus")));
        if (!expected.equals(status)) {
            throw new IllegalStateException("expected " + expected + ", answered " + response);
        }
        if (parts != null) {
            ObjectValue timings = (ObjectValue) g.f.decisions().get(0).get("timings_us");
            parts[0][i] = ((Number) Json.toJava(timings.get("input"))).longValue();
            parts[1][i] = ((Number) Json.toJava(timings.get("eval"))).longValue();
            parts[2][i] = ((Number) Json.toJava(timings.get("act"))).longValue();
        }
        g.f.log.clear();
        return took;
    }

    static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("%s: n=%d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, s.length,
                s[s.length / 2] / 1e6, s[(int) (s.length * 0.9)] / 1e6, s[Math.min(s.length - 1, (int) (s.length * 0.99))] / 1e6,
                s[s.length - 1] / 1e6);
    }

    /** Medians of the record's input document (DescribeServiceRevisions, task definition), evaluation and acting. */
    static void parts(long[][] parts) {
        String[] names = {"input document", "evaluation", "acting and evidence"};
        StringBuilder b = new StringBuilder("    medians:");
        for (int k = 0; k < 3; k++) {
            long[] s = parts[k].clone();
            Arrays.sort(s);
            b.append(String.format(" %s %.1f ms;", names[k], s[s.length / 2] / 1e3));
        }
        System.out.println(b);
    }

    static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " is not on PATH");
    }
}
