package dev.ecsguard.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * One file named on the command line, read and parsed: its bytes (for the event reader), its
 * value (for the input document) and where its fields are (for SARIF locations).
 */
public record SourceFile(Path path, byte[] bytes, Value root, JsonLocations locations) {
    /** Larger files are refused: a task definition is at most 64 KiB, an event 256 KiB, a trail log file a few MiB. */
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** Jackson's "[Source: REDACTED (...); line: 4, column: 5]" inside its messages. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    /** Reads and parses {@code path}; what is not JSON is a {@link CheckInputException} with line and column. */
    public static SourceFile read(Path path) throws CheckInputException {
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw new CheckInputException(path, "is a directory (name the files: dir/*.json)");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw new CheckInputException(path, "larger than " + MAX_BYTES / (1024 * 1024) + " MiB");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new CheckInputException(path, "no such file");
        } catch (IOException e) {
            throw new CheckInputException(path, "cannot read: " + e.getMessage());
        }
        return parse(path, bytes);
    }

    /** Parses {@code bytes} read from {@code path}. */
    public static SourceFile parse(Path path, byte[] bytes) throws CheckInputException {
        if (blank(bytes)) {
            throw new CheckInputException(path, "empty file");
        }
        Value root;
        try {
            root = Json.parse(bytes);
        } catch (Json.JsonException e) {
            throw new CheckInputException(path, jsonProblem(e));
        } catch (StackOverflowError e) {
            throw new CheckInputException(path, "invalid JSON: nesting too deep");
        }
        return new SourceFile(path, bytes, root, JsonLocations.of(bytes));
    }

    /** {@code invalid JSON at line L, column C: what}, from Jackson's exception when there is one. */
    static String jsonProblem(Json.JsonException e) {
        if (e.getCause() instanceof JsonProcessingException jpe && jpe.getLocation() != null
                && jpe.getLocation().getLineNr() > 0) {
            String what = SOURCE_LOCATION.matcher(String.valueOf(jpe.getOriginalMessage()))
                    .replaceAll("line $1, column $2");
            return "invalid JSON at line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr()
                    + ": " + what;
        }
        String m = String.valueOf(e.getMessage());
        return m.startsWith("invalid JSON") ? m : "invalid JSON: " + m;
    }

    private static boolean blank(byte[] b) {
        int i = b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF ? 3 : 0;
        for (; i < b.length; i++) {
            if (!(b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
                return false;
            }
        }
        return true;
    }
}
