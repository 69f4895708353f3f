package dev.ecsguard.handler;

import dev.ecsguard.event.ByteSearch;
import dev.ecsguard.rego.value.ArrayValue;
import dev.ecsguard.rego.value.Json;
import dev.ecsguard.rego.value.ObjectValue;
import dev.ecsguard.rego.value.StringValue;
import dev.ecsguard.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises a direct invocation {@code {"restore": ["SERVICE_ARN", ...]}} among the payloads the
 * function receives (everything else is an event). Cheap for events: the bytes are parsed only
 * when the word {@code "restore"} is in them.
 */
final class RestoreRequest {
    /** A restore request that is not a list of strings. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    private static final byte[] MARKER = "\"restore\"".getBytes(StandardCharsets.US_ASCII);

    private RestoreRequest() {}

    static Optional<List<String>> read(byte[] payload) {
        if (!ByteSearch.contains(payload, MARKER)) {
            return Optional.empty();
        }
        Value v;
        try {
            v = Json.parse(payload);
        } catch (RuntimeException notJson) {
            return Optional.empty(); // the event reader reports it
        }
        if (!(v instanceof ObjectValue o) || o.get("restore") == null || o.get("detail-type") != null || o.get("Records") != null) {
            return Optional.empty();
        }
        if (!(o.get("restore") instanceof ArrayValue a)) {
            throw new BadRequest("restore must be a list of service ARNs");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!(a.get(i) instanceof StringValue s)) {
                throw new BadRequest("restore[" + i + "] is not a string");
            }
            out.add(s.value());
        }
        return Optional.of(out);
    }
}
