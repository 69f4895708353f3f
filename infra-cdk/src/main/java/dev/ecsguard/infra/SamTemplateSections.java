package dev.ecsguard.infra;

import dev.ecsguard.policy.PolicyBundle;
import dev.ecsguard.policy.PolicyLoadException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The two parts of template.yaml that come from the same source as the CDK app, so SAM cannot
 * drift from it: the {@code Parameters} (from {@link Settings#DEFINITIONS}) and the starter policy
 * parameters (from {@link PolicyBundle} over {@code policies/}; SAM cannot read a directory).
 * Each sits between {@code # BEGIN generated: NAME} and {@code # END generated: NAME}; the rest of
 * the template is written by hand. {@code TemplateSectionsTest} fails when they are stale.
 *
 * <pre>mvn -B -q -pl infra-cdk -am -Psam-sections process-classes</pre>
 * (from the repository root; rewrites template.yaml in place)
 */
public final class SamTemplateSections {
    static final String PARAMETERS = "parameters";
    static final String STARTER_POLICIES = "starter-policies";

    private SamTemplateSections() {}

    public static void main(String[] args) throws IOException, PolicyLoadException {
        Path root = EcsGuardApp.repositoryRoot(Path.of("").toAbsolutePath());
        Path template = root.resolve("template.yaml");
        String text = Files.readString(template, StandardCharsets.UTF_8);
        String updated = replace(replace(text, PARAMETERS, parameters()), STARTER_POLICIES,
                starterPolicies(PolicyBundle.fromDirectory(root.resolve("policies"))));
        if (!updated.equals(text)) {
            Files.writeString(template, updated, StandardCharsets.UTF_8);
            System.out.println("template.yaml: generated sections rewritten");
        } else {
            System.out.println("template.yaml: generated sections are up to date");
        }
    }

    /** The {@code Parameters} entries, indented two spaces. */
    static String parameters() {
        StringBuilder y = new StringBuilder();
        for (Settings.Definition d : Settings.DEFINITIONS) {
            y.append("  ").append(d.name()).append(":\n");
            y.append("    Type: String\n");
            y.append("    Default: ").append(quote(d.defaultValue())).append('\n');
            y.append("    Description: ").append(quote(d.description())).append('\n');
            if (!d.allowedValues().isEmpty()) {
                y.append("    AllowedValues: [")
                        .append(String.join(", ", d.allowedValues().stream().map(SamTemplateSections::quote).toList())).append("]\n");
            }
            if (d.maxLength() > 0) {
                y.append("    MaxLength: ").append(d.maxLength()).append('\n');
            }
            if (d.allowedPattern() != null) {
                y.append("    AllowedPattern: ").append(quote(d.allowedPattern())).append('\n');
            }
        }
        return y.toString();
    }

    /** One {@code AWS::SSM::Parameter} per bundle entry, created only with the starter policies. */
    static String starterPolicies(List<PolicyBundle.Entry> entries) {
        StringBuilder y = new StringBuilder();
        for (PolicyBundle.Entry e : entries) {
            y.append("  ").append(EcsGuardStack.policyLogicalId(e)).append(":\n");
            y.append("    Type: AWS::SSM::Parameter\n");
            y.append("    Condition: StarterPolicies\n");
            y.append("    Properties:\n");
            y.append("      Name: !Sub ").append(quote(FunctionPermissions.STARTER_POLICY_PATH + "/" + e.name())).append('\n');
            y.append("      Description: ").append(quote("ecs-guard starter policy " + e.name())).append('\n');
            y.append("      Type: String\n");
            y.append("      Tier: ").append(e.tier()).append('\n');
            // Literal block: the text exactly, with an explicit indentation (a module may start with blank lines).
            y.append("      Value: ").append(e.value().endsWith("\n") ? "|2" : "|2-").append('\n');
            String body = e.value().endsWith("\n") ? e.value().substring(0, e.value().length() - 1) : e.value();
            for (String line : body.split("\n", -1)) {
                y.append(line.isEmpty() ? "" : "        " + line).append('\n');
            }
        }
        return y.toString();
    }

    /** {@code text} with the body of section {@code name} replaced. */
    static String replace(String text, String name, String body) {
        String begin = "  # BEGIN generated: " + name + "\n";
        String end = "  # END generated: " + name + "\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new IllegalStateException("template.yaml has no section '" + begin.strip() + "' ... '" + end.strip() + "'");
        }
        return text.substring(0, b + begin.length()) + body + text.substring(e);
    }

    /** The body of section {@code name} as it is in {@code text}. */
    static String section(String text, String name) {
        String begin = "  # BEGIN generated: " + name + "\n";
        int b = text.indexOf(begin);
        int e = text.indexOf("  # END generated: " + name + "\n");
        if (b < 0 || e < b) {
            throw new IllegalStateException("template.yaml has no generated section " + name);
        }
        return text.substring(b + begin.length(), e);
    }

    /** A YAML double-quoted scalar (JSON string syntax is valid YAML). */
    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }
}
