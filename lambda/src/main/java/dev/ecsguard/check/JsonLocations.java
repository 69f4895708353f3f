package dev.ecsguard.check;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where things are in a JSON file, from Jackson's token locations (no regular expressions): the
 * first line of every field name, and the line of each {@code "name": "..."} inside the elements
 * of the arrays that list containers ({@code containerDefinitions}, {@code containers},
 * {@code containerOverrides}), wherever those arrays are nested (a task definition file, a
 * RegisterTaskDefinition event's request and response, a task state change).
 */
public final class JsonLocations {
    /** The arrays whose elements are containers, named by their {@code name} field. */
    public static final Set<String> CONTAINER_ARRAYS = Set.of("containerDefinitions", "containers", "containerOverrides");

    /** A 1-based line and column. */
    public record Position(int line, int column) {}

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(dev.ecsguard.rego.value.Json.MAX_DEPTH).build())
            .build();
    private static final Position START = new Position(1, 1);

    private final Map<String, Position> firstField = new HashMap<>();
    private final Map<String, Position> containers = new HashMap<>();

    private JsonLocations() {}

    /** Indexes {@code json}; a document Jackson cannot read yields an index that knows nothing. */
    public static JsonLocations of(byte[] json) {
        JsonLocations index = new JsonLocations();
        try (JsonParser p = FACTORY.createParser(json)) {
            index.scan(p);
        } catch (IOException | RuntimeException e) {
            // Best effort: the file was already parsed once; positions found so far are kept.
        }
        return index;
    }

    /**
     * One frame per open object or array: for an array, the field name that holds it; for an
     * object, whether it is an element of a container array (and which).
     */
    private record Frame(boolean array, String arrayField, String containerArray) {}

    private void scan(JsonParser p) throws IOException {
        Deque<Frame> stack = new ArrayDeque<>();
        String field = null;
        JsonToken t;
        while ((t = p.nextToken()) != null) {
            switch (t) {
                case FIELD_NAME -> {
                    field = p.currentName();
                    firstField.putIfAbsent(field, position(p.currentTokenLocation()));
                    Frame top = stack.peek();
                    if ("name".equals(field) && top != null && top.containerArray() != null) {
                        Position at = position(p.currentTokenLocation());
                        if (p.nextToken() == JsonToken.VALUE_STRING) {
                            containers.putIfAbsent(key(top.containerArray(), p.getText()), at);
                        } else {
                            p.skipChildren();
                        }
                        field = null;
                    }
                }
                case START_ARRAY -> {
                    stack.push(new Frame(true, stackTopIsArray(stack) ? null : field, null));
                    field = null;
                }
                case START_OBJECT -> {
                    Frame top = stack.peek();
                    String containerArray = top != null && top.array() && top.arrayField() != null
                            && CONTAINER_ARRAYS.contains(top.arrayField()) ? top.arrayField() : null;
                    stack.push(new Frame(false, null, containerArray));
                    field = null;
                }
                case END_ARRAY, END_OBJECT -> {
                    stack.poll();
                    field = null;
                }
                default -> field = null;
            }
        }
    }

    private static boolean stackTopIsArray(Deque<Frame> stack) {
        return stack.peek() != null && stack.peek().array();
    }

    private static String key(String array, String name) {
        return array + "\u0000" + name;
    }

    private static Position position(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? START : new Position(l.getLineNr(), Math.max(1, l.getColumnNr()));
    }

    /** The first line where {@code field} is a field name. */
    public Optional<Position> field(String field) {
        return Optional.ofNullable(firstField.get(field));
    }

    /** The {@code "name": "<container>"} line of the first element of a {@code array} (one of {@link #CONTAINER_ARRAYS}) with that name. */
    public Optional<Position> container(String array, String container) {
        return container == null ? Optional.empty() : Optional.ofNullable(containers.get(key(array, container)));
    }
}
