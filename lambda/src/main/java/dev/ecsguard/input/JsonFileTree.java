package dev.ecsguard.input;

import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/** The {@code *.json} files of a file or directory tree, parsed, for the sources replay reads from files. */
final class JsonFileTree {
    private JsonFileTree() {}

    /**
     * Calls {@code add(file, value)} for each {@code *.json} under {@code root} (or {@code root}
     * itself when it is a file), in path order; a file that cannot be read or parsed goes to
     * {@code problems} as {@code FILE: reason}.
     *
     * @param what for the message when the directory itself cannot be read ("task definitions")
     */
    static void forEach(Path root, String what, BiConsumer<String, Value> add, List<String> problems) {
        List<Path> files;
        if (Files.isRegularFile(root)) {
            files = List.of(root);
        } else {
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + what + " in " + root, e);
            }
        }
        for (Path f : files) {
            Value v;
            try {
                v = Json.parse(Files.readAllBytes(f));
            } catch (IOException | RuntimeException e) {
                problems.add(f + ": " + e.getMessage());
                continue;
            }
            add.accept(f.toString(), v);
        }
    }

    /** The same for class-path resources (names relative to {@code anchor}): a missing one is a problem. */
    static void forEachResource(Class<?> anchor, List<String> names, BiConsumer<String, Value> add, List<String> problems) {
        for (String name : names) {
            try (java.io.InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    problems.add(name + ": no such resource");
                    continue;
                }
                add.accept(name, Json.parse(in.readAllBytes()));
            } catch (IOException | RuntimeException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
    }
}
