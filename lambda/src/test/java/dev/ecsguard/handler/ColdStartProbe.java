package dev.ecsguard.handler;

import dev.ecsguard.rego.PhaseTrace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The function's cold start without SnapStart, in this (fresh) JVM: the Lambda runtime's
 * constructor (configuration from the environment, SDK clients, the policy read from SSM,
 * compiled and its test_ rules run), then one invocation on an event file. Prints one line to
 * stderr: JVM start to {@code main}, the constructor, the first invocation, the whole run, and
 * the process's CPU time; the invocation's response (its decision counts) goes to stdout after
 * the function's own log lines, and the phases PhaseTrace marked (wall ms) to stderr. {@code bench/lambda-cold-start.sh} runs it against moto_server.
 *
 * <pre>POLICY_PATH=... AWS_ENDPOINT_URL=... java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *   -cp lambda/target/ecs-guard.jar:lambda/target/test-classes dev.ecsguard.handler.ColdStartProbe EVENT.json</pre>
 */
public final class ColdStartProbe {
    private ColdStartProbe() {}

    public static void main(String[] args) throws Exception {
        long main = System.nanoTime();
        PhaseTrace.enable(() -> -1);
        long mainUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        long t0 = System.nanoTime();
        EnforcementHandler handler = new EnforcementHandler();
        long t1 = System.nanoTime();
        PhaseTrace.mark("handler constructed");
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response, null);
        long t2 = System.nanoTime();
        PhaseTrace.mark("first event decided");
        StringBuilder phases = new StringBuilder();
        List<PhaseTrace.Mark> marks = PhaseTrace.marks();
        for (int i = 1; i < marks.size(); i++) {
            phases.append(String.format(Locale.ROOT, " [%s %.0f]", marks.get(i).phase(),
                    (marks.get(i).wallNanos() - marks.get(i - 1).wallNanos()) / 1e6));
        }
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        long cpuNs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        String r = response.toString(StandardCharsets.UTF_8);
        int records = r.indexOf(",\"records\"");
        System.out.println(records < 0 ? r : r.substring(0, records) + "}");
        System.err.printf(Locale.ROOT, "cold start: jvm_to_main_ms=%d init_ms=%.1f first_event_ms=%.1f total_ms=%d cpu_ms=%.0f%n",
                mainUptimeMs - (t0 - main) / 1_000_000, (t1 - t0) / 1e6, (t2 - t1) / 1e6, uptimeMs, cpuNs / 1e6);
        System.err.println("phases (wall ms):" + phases);
    }
}
