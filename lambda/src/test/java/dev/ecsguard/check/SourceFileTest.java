package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.rego.value.ObjectValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFileTest {
    @TempDir Path dir;

    @Test
    void readsJsonWithItsLocations() throws Exception {
        SourceFile f = SourceFile.read(CheckCli.fixture("privileged-taskdef.json"));
        assertInstanceOf(ObjectValue.class, f.root());
        assertEquals(15, f.locations().container("containerDefinitions", "debugger").orElseThrow().line());
    }

    @Test
    void malformedJsonNamesLineAndColumn() {
        CheckInputException e = assertThrows(CheckInputException.class,
                () -> SourceFile.read(CheckCli.fixture("malformed.json")));
        assertTrue(e.getMessage().startsWith(CheckCli.fixture("malformed.json") + ": invalid JSON at line 5, column 3: "),
                e.getMessage());
        assertTrue(e.problem().contains("(for Object starting at line 4, column 5)"), e.problem());
        assertTrue(!e.problem().contains("REDACTED"), e.problem());
    }

    @Test
    void truncatedAndEmptyFiles() throws Exception {
        Path truncated = Files.writeString(dir.resolve("t.json"), "{\"family\": \"we");
        assertTrue(assertThrows(CheckInputException.class, () -> SourceFile.read(truncated)).problem()
                .startsWith("invalid JSON at line 1, column "));
        Path empty = Files.writeString(dir.resolve("e.json"), " \n\t");
        assertEquals("empty file", assertThrows(CheckInputException.class, () -> SourceFile.read(empty)).problem());
    }

    @Test
    void byteOrderMarkIsAccepted() throws Exception {
        byte[] json = "{\"family\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        SourceFile f = SourceFile.parse(dir.resolve("bom.json"), withBom);
        assertEquals(1, f.locations().field("family").orElseThrow().line());
    }

    @Test
    void missingFilesAndDirectoriesAreNamed() {
        Path missing = dir.resolve("nope.json");
        CheckInputException e = assertThrows(CheckInputException.class, () -> SourceFile.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(missing, e.file());
        assertTrue(assertThrows(CheckInputException.class, () -> SourceFile.read(dir)).problem().startsWith("is a directory"));
    }
}
