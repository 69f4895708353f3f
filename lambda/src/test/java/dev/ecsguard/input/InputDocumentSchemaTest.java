package dev.ecsguard.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsguard.event.EventReader;
import dev.ecsguard.event.ReceivedEvent;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every document built from events-samples stays inside the published schema's sections. */
class InputDocumentSchemaTest {
    @Test
    void builtDocumentsUseOnlyTheSchemasSections() throws IOException {
        ObjectValue schema;
        try (InputStream in = InputDocumentSchemaTest.class.getResourceAsStream("/input-document.schema.json")) {
            schema = (ObjectValue) Json.parse(in.readAllBytes());
        }
        ObjectValue sections = (ObjectValue) schema.get("properties");
        InputDocumentBuilder builder = new InputDocumentBuilder(
                new DirectoryTaskDefinitionSource(List.of(Path.of("../events-samples/taskdefs"))));
        int built = 0;
        try (Stream<Path> files = Files.walk(Path.of("../events-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (ReceivedEvent r : EventReader.read(Files.readAllBytes(f))) {
                    if (r instanceof ReceivedEvent.Accepted a) {
                        ObjectValue doc = (ObjectValue) builder.build(a.event()).value();
                        for (int i = 0; i < doc.size(); i++) {
                            assertTrue(sections.containsKey(doc.keyAt(i)), f + ": " + doc.keyAt(i) + " is not in the schema");
                        }
                        assertEquals(StringValue.of("1"), doc.get("schema_version"));
                        built++;
                    }
                }
            }
        }
        assertTrue(built >= 25, "built " + built);
    }
}
