package dev.ecsguard.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One version of a policy as its source holds it: Rego modules and JSON data documents, by name.
 * Its {@link #sha256()} identifies the contents (independent of where they came from), so a
 * refresh that finds the same contents compiles nothing.
 *
 * @param version the source's own version label ({@code ssm:/ecs-guard/policy:7},
 *     {@code dir:policies}...)
 * @param modules module name (file or parameter name) to Rego source
 * @param dataDocuments document name to JSON text; each is an object merged at the root of {@code data}
 */
public record PolicyContents(String version, SortedMap<String, String> modules, SortedMap<String, String> dataDocuments) {
    public PolicyContents {
        Objects.requireNonNull(version, "version");
        modules = Collections.unmodifiableSortedMap(new TreeMap<>(modules));
        dataDocuments = Collections.unmodifiableSortedMap(new TreeMap<>(dataDocuments));
    }

    public static PolicyContents of(String version, Map<String, String> modules, Map<String, String> data) {
        return new PolicyContents(version, new TreeMap<>(modules), new TreeMap<>(data));
    }

    /** SHA-256 (hex) over every module and data document, names included, in name order. */
    public String sha256() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            digest(md, "module", modules);
            digest(md, "data", dataDocuments);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void digest(MessageDigest md, String kind, SortedMap<String, String> entries) {
        for (Map.Entry<String, String> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] text = e.getValue().getBytes(StandardCharsets.UTF_8);
            md.update(kind.getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(Integer.toString(name.length).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(name);
            md.update(Integer.toString(text.length).getBytes(StandardCharsets.US_ASCII));
            md.update((byte) 0);
            md.update(text);
        }
    }
}
