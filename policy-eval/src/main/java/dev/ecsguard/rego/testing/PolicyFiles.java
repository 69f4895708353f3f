package dev.ecsguard.rego.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.Value;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads policy modules and data documents from files and directories, the way {@code opa eval -d}
 * and {@code opa test} take them:
 * <ul>
 *   <li>a file ending in {@code .rego} is a module (named by the path as given);</li>
 *   <li>a file ending in {@code .json}, {@code .yaml} or {@code .yml} is a data document;</li>
 *   <li>a directory is walked recursively (in name order, skipping entries whose name starts with
 *       a dot) and every file of those kinds in it is loaded; other files are ignored.</li>
 * </ul>
 * Every data document must be an object and is deep-merged at the root of {@code data}. This is
 * a deliberate difference from OPA, which places a data file found in a subdirectory of a
 * {@code -d} directory under that subdirectory's path ({@code dir/a/x.json} at {@code data.a}):
 * ecs-guard policy bundles keep their documents in {@code data/} (and SSM parameter paths have no
 * directories), and the documents themselves say where they belong ({@code {"ecsguard": {...}}}).
 * Two documents that set the same non-object value are an error.
 */
public final class PolicyFiles {
    /**
     * The YAML reader, built on first use: Jackson's ObjectMapper with its YAML factory costs a
     * fresh JVM a few hundred classes and tens of milliseconds, which a run that reads no YAML
     * (policy bundles of .rego and .json) should not pay.
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    /** Why a path could not be loaded; the message names the file. */
    public static final class LoadException extends Exception {
        public LoadException(String message) { super(message); }
    }

    /**
     * What was loaded.
     *
     * @param modules   module file name to source text, in load order
     * @param data      the merged data document (an object)
     * @param dataFiles the data files, in load order
     */
    public record Loaded(Map<String, String> modules, Value data, List<Path> dataFiles) {}

    private PolicyFiles() {}

    public static boolean isModule(Path p) { return p.getFileName() != null && p.getFileName().toString().endsWith(".rego"); }

    public static boolean isData(Path p) {
        if (p.getFileName() == null) return false;
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** Loads every path (files or directories). */
    public static Loaded load(List<Path> paths) throws LoadException {
        Map<String, String> modules = new LinkedHashMap<>();
        List<Path> dataFiles = new ArrayList<>();
        Value data = ObjectValue.EMPTY;
        Map<String, Path> origins = new LinkedHashMap<>();
        for (Path root : paths) {
            for (Path f : expand(root)) {
                if (isModule(f)) {
                    modules.put(f.toString(), readText(f));
                } else {
                    Value doc = readData(f);
                    if (!(doc instanceof ObjectValue o)) {
                        throw new LoadException(f + ": a data document must be a JSON/YAML object, found " + doc.typeName());
                    }
                    data = merge((ObjectValue) data, o, "data", f, origins);
                    dataFiles.add(f);
                }
            }
        }
        return new Loaded(modules, data, dataFiles);
    }

    /** The loadable files under a path: the path itself when it is a file. */
    public static List<Path> expand(Path root) throws LoadException {
        if (!Files.exists(root)) throw new LoadException(root + ": no such file or directory");
        if (!Files.isDirectory(root)) {
            if (!isModule(root) && !isData(root)) {
                throw new LoadException(root + ": not a Rego module (.rego) or data document (.json, .yaml, .yml)");
            }
            return List.of(root);
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root))
                    .filter(p -> !hidden(root, p))
                    .filter(Files::isRegularFile)
                    .filter(p -> isModule(p) || isData(p))
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new LoadException(root + ": cannot list directory: " + e.getMessage());
        }
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) if (part.toString().startsWith(".")) return true;
        return false;
    }

    /** Reads a UTF-8 text file, with a clear message when it cannot be read. */
    public static String readText(Path f) throws LoadException {
        try {
            byte[] b = Files.readAllBytes(f);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (NoSuchFileException e) {
            throw new LoadException(f + ": no such file");
        } catch (CharacterCodingException e) {
            throw new LoadException(f + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new LoadException(f + ": cannot read: " + e.getMessage());
        }
    }

    /** Reads a JSON or YAML document from a file (by extension). */
    public static Value readData(Path f) throws LoadException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (NoSuchFileException e) {
            throw new LoadException(f + ": no such file");
        } catch (IOException e) {
            throw new LoadException(f + ": cannot read: " + e.getMessage());
        }
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".yaml") || n.endsWith(".yml")) {
            try {
                JsonNode node = Yaml.MAPPER.readTree(bytes);
                return node == null || node.isMissingNode() ? ObjectValue.EMPTY : Json.fromNode(node);
            } catch (IOException e) {
                String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                        ? " at line " + jpe.getLocation().getLineNr() + " column " + jpe.getLocation().getColumnNr() : "";
                String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
                throw new LoadException(f + ": invalid YAML: " + msg + where);
            }
        }
        return parseJson(f.toString(), bytes);
    }

    /** Parses JSON bytes; the error names the source and says where (line, column). */
    public static Value parseJson(String source, byte[] bytes) throws LoadException {
        try {
            return Json.parse(bytes);
        } catch (Json.JsonException e) {
            throw new LoadException(source + ": " + e.getMessage());
        }
    }

    private static ObjectValue merge(ObjectValue into, ObjectValue from, String path, Path file, Map<String, Path> origins)
            throws LoadException {
        ObjectValue out = into;
        for (int i = 0; i < from.size(); i++) {
            Value k = from.keyAt(i);
            Value v = from.valueAt(i);
            String kp = path + "." + k;
            Value old = out.get(k);
            if (old == null) {
                out = out.with(k, v);
                origins.put(kp, file);
            } else if (old instanceof ObjectValue oo && v instanceof ObjectValue vo) {
                out = out.with(k, merge(oo, vo, kp, file, origins));
            } else {
                Path first = origins.getOrDefault(kp, null);
                throw new LoadException(file + ": merge error: " + kp + " is already defined"
                        + (first == null ? "" : " by " + first));
            }
        }
        return out;
    }
}
