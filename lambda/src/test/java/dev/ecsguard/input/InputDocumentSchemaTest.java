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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document built from events-samples stays inside the published schema: its sections, and
 * the fields of the sections the builder makes itself (taskDefinition and request are ECS's own shapes).
 */
class InputDocumentSchemaTest {
    static final Set<String> BUILT_SECTIONS = Set.of("event", "task", "service", "network", "caller", "taskSet", "cluster",
            "capacityProvider", "tagging", "deployment");

    @Test
    void builtDocumentsUseOnlyTheSchemasSections() throws IOException {
        ObjectValue schema;
        try (InputStream in = InputDocumentSchemaTest.class.getResourceAsStream("/input-document.schema.json")) {
            schema = (ObjectValue) Json.parse(in.readAllBytes());
        }
        ObjectValue sections = (ObjectValue) schema.get("properties");
        InputDocumentBuilder builder = new InputDocumentBuilder(
                new DirectoryTaskDefinitionSource(List.of(Path.of("../events-samples/taskdefs"))), ServiceSource.NONE,
                new DirectoryServiceRevisionSource(List.of(Path.of("../events-samples/deployment-hook/revisions"))));
        int built = 0;
        Set<String> sectionsSeen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("../events-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                for (ReceivedEvent r : EventReader.read(Files.readAllBytes(f))) {
                    if (r instanceof ReceivedEvent.Accepted a) {
                        ObjectValue doc = (ObjectValue) builder.build(a.event()).value();
                        for (int i = 0; i < doc.size(); i++) {
                            assertTrue(sections.containsKey(doc.keyAt(i)), f + ": " + doc.keyAt(i) + " is not in the schema");
                            String section = ((StringValue) doc.keyAt(i)).value();
                            if (section.equals("images")) {
                                assertImagesFollowTheSchema(sections, doc.valueAt(i), f);
                                imagesSeen++;
                            }
                            if (BUILT_SECTIONS.contains(section)) {
                                ObjectValue fields = (ObjectValue) ((ObjectValue) sections.get(section)).get("properties");
                                ObjectValue sectionValue = (ObjectValue) doc.valueAt(i);
                                for (int j = 0; j < sectionValue.size(); j++) {
                                    assertTrue(fields.containsKey(sectionValue.keyAt(j)), f + ": " + section + "." + sectionValue.keyAt(j)
                                            + " is not in the schema");
                                    sectionsSeen.add(section);
                                }
                            }
                        }
                        assertEquals(StringValue.of("1"), doc.get("schema_version"));
                        built++;
                    }
                }
            }
        }
        assertTrue(built >= 50, "built " + built);
        assertEquals(BUILT_SECTIONS, sectionsSeen, "the samples show every section the builder makes");
        assertTrue(imagesSeen > 0, "the deployment samples show images");
    }

    int imagesSeen;

    static void assertImagesFollowTheSchema(ObjectValue sections, dev.ecsguard.rego.value.Value images, Path f) {
        ObjectValue fields = (ObjectValue) ((ObjectValue) ((ObjectValue) sections.get("images")).get("items")).get("properties");
        dev.ecsguard.rego.value.ArrayValue list = (dev.ecsguard.rego.value.ArrayValue) images;
        for (int i = 0; i < list.size(); i++) {
            ObjectValue image = (ObjectValue) list.get(i);
            for (int j = 0; j < image.size(); j++) {
                assertTrue(fields.containsKey(image.keyAt(j)), f + ": images[" + i + "]." + image.keyAt(j) + " is not in the schema");
            }
        }
    }
}
