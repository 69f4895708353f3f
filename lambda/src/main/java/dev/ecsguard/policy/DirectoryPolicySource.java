package dev.ecsguard.policy;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Policies from the file system: a {@code .rego} file, a {@code .json} data file, or a directory
 * walked recursively (hidden entries skipped, name order): every {@code *.rego} file is a module
 * and every {@code *.json} file a data document merged at the root of {@code data}, as
 * {@code ecs-guard test} loads a directory.
 */
public final class DirectoryPolicySource implements PolicySource {
    private final List<Path> paths;

    public DirectoryPolicySource(List<Path> paths) {
        this.paths = List.copyOf(paths);
    }

    public DirectoryPolicySource(Path path) {
        this(List.of(path));
    }

    @Override
    public String describe() {
        return "files " + String.join(", ", paths.stream().map(Path::toString).toList());
    }

    @Override
    public PolicyContents load() throws PolicyLoadException {
        Map<String, String> modules = new TreeMap<>();
        Map<String, String> data = new TreeMap<>();
        for (Path root : paths) {
            if (!Files.exists(root)) {
                throw new PolicyLoadException(root + ": no such file or directory");
            }
            if (Files.isRegularFile(root)) {
                String n = root.getFileName().toString();
                if (n.endsWith(".json")) {
                    data.put(root.toString(), read(root));
                } else {
                    modules.put(root.toString(), read(root));
                }
                continue;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(p -> !hidden(root, p)).sorted().toList();
            } catch (IOException | RuntimeException e) {
                throw new PolicyLoadException(root + ": cannot list: " + e.getMessage(), e);
            }
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.endsWith(".rego")) {
                    modules.put(f.toString(), read(f));
                } else if (n.endsWith(".json")) {
                    data.put(f.toString(), read(f));
                }
            }
        }
        if (modules.isEmpty()) {
            throw new PolicyLoadException("no Rego modules (*.rego) in " + String.join(", ", paths.stream().map(Path::toString).toList()));
        }
        return PolicyContents.of("dir:" + String.join(",", paths.stream().map(Path::toString).toList()), modules, data);
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path f) throws PolicyLoadException {
        try {
            byte[] b = Files.readAllBytes(f);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyLoadException(f + ": not UTF-8 text");
        } catch (IOException e) {
            throw new PolicyLoadException(f + ": cannot read: " + e.getMessage(), e);
        }
    }
}
