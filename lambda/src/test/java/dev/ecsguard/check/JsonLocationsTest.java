package dev.ecsguard.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLocationsTest {
    private static JsonLocations of(String json) {
        return JsonLocations.of(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void containerNamesInEveryContainerArrayWhereverNested() {
        JsonLocations l = of("""
                {
                  "family": "web",
                  "containerDefinitions": [
                    {"image": "a",
                     "name": "app"},
                    {
                      "name": "sidecar"
                    }
                  ],
                  "detail": {"overrides": {"containerOverrides": [
                    {"name": "app",
                     "command": ["sh"]}
                  ]}}
                }
                """);
        assertEquals(new JsonLocations.Position(5, 6), l.container("containerDefinitions", "app").orElseThrow());
        assertEquals(7, l.container("containerDefinitions", "sidecar").orElseThrow().line());
        assertEquals(11, l.container("containerOverrides", "app").orElseThrow().line());
        assertTrue(l.container("containers", "app").isEmpty());
        assertTrue(l.container("containerDefinitions", "nope").isEmpty());
        assertEquals(2, l.field("family").orElseThrow().line());
        assertEquals(10, l.field("detail").orElseThrow().line());
    }

    @Test
    void firstOccurrenceWinsAndNameOutsideContainerArraysIsIgnored() {
        JsonLocations l = of("""
                {"volumes": [{"name": "app"}],
                 "requestParameters": {"containerDefinitions": [{"name": "app"}]},
                 "responseElements": {"taskDefinition": {"containerDefinitions": [{"name": "app"}]}}}
                """);
        assertEquals(2, l.container("containerDefinitions", "app").orElseThrow().line());
        assertEquals(1, l.field("name").orElseThrow().line());
    }

    @Test
    void nonStringNamesAndNestedArraysDoNotConfuseTheScan() {
        JsonLocations l = of("""
                {"containerDefinitions": [
                  {"name": {"x": [1, 2]}, "links": [["a"]]},
                  [{"name": "not-a-container"}],
                  {"name": "real"}
                ]}
                """);
        assertTrue(l.container("containerDefinitions", "not-a-container").isEmpty());
        assertEquals(4, l.container("containerDefinitions", "real").orElseThrow().line());
    }

    @Test
    void malformedJsonKeepsWhatWasFoundBeforeTheError() {
        JsonLocations l = of("{\n\"family\": \"x\",\n\"containerDefinitions\": [ {\"name\": \"a\"}, ");
        assertEquals(2, l.field("family").orElseThrow().line());
        assertEquals(3, l.container("containerDefinitions", "a").orElseThrow().line());
    }
}
