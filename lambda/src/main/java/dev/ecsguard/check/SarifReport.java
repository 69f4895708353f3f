package dev.ecsguard.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ecsguard.decision.Decision;
import dev.ecsguard.decision.Finding;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps...): one run whose
 * {@code tool.driver.rules} come from the policies' {@code # METADATA} (every documented rule,
 * then any rule a result names that no annotation documents), and one result per violation with
 * its level (error for critical/high, warning for medium, note for low), message and location:
 * the file relative to the working directory and the line of the container (or task definition)
 * it is about. Files that could not be checked are {@code toolExecutionNotifications}.
 */
public final class SarifReport implements CheckReport.Format {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String VERSION = "2.1.0";
    public static final String SRCROOT = "%SRCROOT%";
    public static final String FINGERPRINT = "ecsGuardFinding/v1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(CheckReport report, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(sarif(report)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** The SARIF log as plain maps and lists. */
    static Map<String, Object> sarif(CheckReport report) {
        List<RuleCatalog.RuleInfo> rules = new ArrayList<>(report.rules().all());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            index.put(rules.get(i).id(), i);
        }
        List<Object> results = new ArrayList<>();
        List<Object> notifications = new ArrayList<>();
        for (FileResult r : report.results()) {
            Map<String, Object> artifact = artifactLocation(r.path(), report.workingDirectory());
            if (r.problem() != null) {
                notifications.add(notification(r.problem(), artifact, null));
            }
            for (Evaluation e : r.evaluations()) {
                if (e.decision() instanceof Decision.Error err) {
                    notifications.add(notification(err.reason(), artifact, e.origin()));
                }
                for (Evaluation.Located l : e.findings()) {
                    Finding f = l.finding();
                    String id = f.rule() != null ? f.rule() : "ECS_GUARD_FINDING";
                    if (!index.containsKey(id)) {
                        index.put(id, rules.size());
                        rules.add(RuleCatalog.RuleInfo.undocumented(id, f.severity()));
                    }
                    results.add(result(f, id, index.get(id), artifact, l.position(), e));
                }
            }
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "ecs-guard");
        driver.put("version", report.toolVersion());
        driver.put("rules", rules.stream().map(SarifReport::rule).toList());

        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", !report.anyFailed());
        if (!notifications.isEmpty()) {
            invocation.put("toolExecutionNotifications", notifications);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("originalUriBaseIds", Map.of(SRCROOT, Map.of("uri", directoryUri(report.workingDirectory()))));
        run.put("invocations", List.of(invocation));
        run.put("results", results);
        run.put("columnKind", "utf16CodeUnits");
        run.put("properties", Map.of("policy", report.policyVersion()));

        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", SCHEMA);
        log.put("version", VERSION);
        log.put("runs", List.of(run));
        return log;
    }

    static Map<String, Object> rule(RuleCatalog.RuleInfo info) {
        Severity severity = Severity.of(info.severity());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", info.id());
        r.put("name", name(info));
        r.put("shortDescription", text(info.title() != null ? info.title() : info.id()));
        r.put("fullDescription", text(info.description() != null ? info.description()
                : info.title() != null ? info.title() : info.id()));
        String help = info.remediation() != null ? info.remediation()
                : info.description() != null ? info.description() : "See the policy that reports " + info.id() + ".";
        Map<String, Object> helpObject = new LinkedHashMap<>();
        helpObject.put("text", help);
        helpObject.put("markdown", "**Remediation:** " + help);
        r.put("help", helpObject);
        r.put("defaultConfiguration", Map.of("level", severity.sarifLevel()));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("severity", severity.label());
        props.put("security-severity", severity.securitySeverity());
        List<String> tags = new ArrayList<>(List.of("security", "ecs"));
        tags.addAll(info.tags());
        props.put("tags", tags);
        r.put("properties", props);
        return r;
    }

    /** A SARIF rule name: the title in PascalCase ({@code Privileged containers} -> {@code PrivilegedContainers}), else the id. */
    static String name(RuleCatalog.RuleInfo info) {
        if (info.title() == null) {
            return info.id();
        }
        StringBuilder sb = new StringBuilder();
        for (String word : info.title().split("[^A-Za-z0-9]+")) {
            if (!word.isEmpty()) {
                sb.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return sb.isEmpty() ? info.id() : sb.toString();
    }

    private static Map<String, Object> result(Finding f, String id, int ruleIndex, Map<String, Object> artifact,
            JsonLocations.Position at, Evaluation e) {
        Severity severity = Severity.of(f.severity());
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", at.line());
        region.put("startColumn", at.column());
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", artifact);
        physical.put("region", region);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("ruleId", id);
        r.put("ruleIndex", ruleIndex);
        r.put("level", severity.sarifLevel());
        r.put("message", text(f.msg()));
        r.put("locations", List.of(Map.of("physicalLocation", physical)));
        r.put("partialFingerprints", Map.of(FINGERPRINT, fingerprint(id, String.valueOf(artifact.get("uri")), f, e.origin())));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("severity", severity.label());
        if (f.resource() != null) {
            props.put("resource", f.resource());
        }
        f.details().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(d -> props.put(d.getKey(), d.getValue()));
        props.put("actions", f.actions());
        if (!e.origin().isEmpty()) {
            props.put("record", e.origin());
        }
        if (e.trigger() != null) {
            props.put("trigger", e.trigger());
        }
        r.put("properties", props);
        return r;
    }

    private static Map<String, Object> notification(String message, Map<String, Object> artifact, String origin) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("level", "error");
        n.put("message", text(origin == null || origin.isEmpty() ? message : origin + ": " + message));
        n.put("locations", List.of(Map.of("physicalLocation", Map.of("artifactLocation", artifact))));
        return n;
    }

    /** The file relative to the working directory (with {@code %SRCROOT%}); a file outside it as an absolute file URI. */
    static Map<String, Object> artifactLocation(Path file, Path workingDirectory) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = workingDirectory.toAbsolutePath().normalize();
        Map<String, Object> a = new LinkedHashMap<>();
        if (abs.startsWith(base)) {
            a.put("uri", relativeUri(base.relativize(abs)));
            a.put("uriBaseId", SRCROOT);
        } else {
            a.put("uri", abs.toUri().toString());
        }
        return a;
    }

    private static String relativeUri(Path relative) {
        List<String> parts = new ArrayList<>();
        for (Path p : relative) {
            parts.add(p.toString());
        }
        try {
            return new URI(null, null, String.join("/", parts), null).toASCIIString();
        } catch (URISyntaxException e) {
            return String.join("/", parts);
        }
    }

    private static String directoryUri(Path dir) {
        String s = dir.toAbsolutePath().normalize().toUri().toString();
        return s.endsWith("/") ? s : s + "/";
    }

    /** Stable across line moves: rule, file, record, resource, container and message. */
    static String fingerprint(String rule, String uri, Finding f, String origin) {
        String key = String.join("\u0000", rule, uri, origin, String.valueOf(f.resource()),
                String.valueOf(f.details().get("container")), f.msg());
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 16).toLowerCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> text(String s) {
        return Map.of("text", s);
    }
}
