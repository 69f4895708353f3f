package dev.ecsguard.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsguard.rego.ast.Lexer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A policy directory as the SSM String parameters a deployment creates under one path, which the
 * function reads back with {@code POLICY_PATH} ({@link SsmPolicySource#path}): one parameter per
 * Rego module (the {@code *_test.rego} files are left out; CI runs them) and one per JSON data
 * document. The CDK app builds its parameters from this at synth time, and template.yaml carries
 * the same list (infra-cdk's {@code SamPolicySection} writes it, a test keeps it in step).
 *
 * <p>An SSM parameter holds at most 4 KB (Standard tier) or 8 KB (Advanced). To fit, comments are
 * removed from modules (line breaks are kept, so line numbers in error messages still match the
 * files) and JSON is written without whitespace. A parameter over 4 KB is Advanced tier; one over
 * 8 KB is an error naming the file.
 */
public final class PolicyBundle {
    public static final int STANDARD_TIER_BYTES = 4096;
    public static final int ADVANCED_TIER_BYTES = 8192;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * One parameter.
     *
     * @param name the file's path relative to the directory, with {@code /}: {@code rules/privileged.rego}
     * @param value what the parameter holds
     */
    public record Entry(String name, String value) {
        public int bytes() {
            return value.getBytes(StandardCharsets.UTF_8).length;
        }

        /** SSM parameter tier: {@code Standard} up to 4 KB, else {@code Advanced}. */
        public String tier() {
            return bytes() <= STANDARD_TIER_BYTES ? "Standard" : "Advanced";
        }

        public boolean isData() {
            return name.endsWith(".json");
        }

        /** The parameter's full name under {@code path} (no trailing slash). */
        public String parameterName(String path) {
            return path + "/" + name;
        }
    }

    private PolicyBundle() {}

    /**
     * Reads {@code dir} as {@link DirectoryPolicySource} does (hidden entries skipped), leaving out
     * {@code *_test.rego}, in name order.
     *
     * @throws PolicyLoadException when the directory cannot be read, holds no module, a JSON file is
     *     invalid, or a parameter would exceed 8 KB
     */
    public static List<Entry> fromDirectory(Path dir) throws PolicyLoadException {
        PolicyContents contents = new DirectoryPolicySource(dir).load();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> m : contents.modules().entrySet()) {
            String name = relative(dir, m.getKey());
            if (!name.endsWith("_test.rego")) {
                entries.add(checked(new Entry(name, withoutComments(m.getValue()))));
            }
        }
        for (Map.Entry<String, String> d : contents.dataDocuments().entrySet()) {
            String name = relative(dir, d.getKey());
            entries.add(checked(new Entry(name, compactJson(name, d.getValue()))));
        }
        entries.sort((a, b) -> a.name().compareTo(b.name()));
        return List.copyOf(entries);
    }

    /** The contents the function loads from these parameters under {@code path}, as {@link SsmPolicySource} names them. */
    public static PolicyContents contents(List<Entry> entries, String path) {
        Map<String, String> modules = new TreeMap<>();
        Map<String, String> data = new TreeMap<>();
        for (Entry e : entries) {
            (SsmPolicySource.isData(e.parameterName(path), e.value()) ? data : modules).put(e.parameterName(path), e.value());
        }
        return PolicyContents.of("bundle:" + path, modules, data);
    }

    /**
     * The module without its comments: each comment is cut from its {@code #} to the end of its
     * line (the lexer finds them, so a {@code #} inside a string stays), and trailing blanks go;
     * every line break stays where it was.
     */
    static String withoutComments(String rego) {
        List<Lexer.Comment> comments = new Lexer(rego, "bundle").run().comments();
        String[] lines = rego.split("\n", -1);
        for (Lexer.Comment c : comments) {
            String line = lines[c.row() - 1];
            lines[c.row() - 1] = line.substring(0, line.offsetByCodePoints(0, c.col() - 1));
        }
        StringBuilder out = new StringBuilder(rego.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(lines[i].stripTrailing());
        }
        return out.toString().stripTrailing() + "\n";
    }

    private static String compactJson(String name, String text) throws PolicyLoadException {
        try {
            return JSON.writeValueAsString(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new PolicyLoadException(name + ": invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Entry checked(Entry e) throws PolicyLoadException {
        if (e.bytes() > ADVANCED_TIER_BYTES) {
            throw new PolicyLoadException(e.name() + " is " + e.bytes() + " bytes" + (e.isData() ? "" : " without comments")
                    + "; an SSM parameter holds at most " + ADVANCED_TIER_BYTES + ": split it into smaller files");
        }
        return e;
    }

    private static String relative(Path dir, String file) {
        return dir.relativize(Path.of(file)).toString().replace('\\', '/');
    }
}
