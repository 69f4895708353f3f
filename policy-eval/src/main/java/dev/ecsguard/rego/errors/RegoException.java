package dev.ecsguard.rego.errors;

import java.util.List;
import java.util.stream.Collectors;

/** Parse, compile or evaluation failure carrying one or more {@link RegoError}s. */
public class RegoException extends RuntimeException {
    private final List<RegoError> errors;

    public RegoException(List<RegoError> errors) {
        super(render(errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public RegoException(RegoError error) {
        this(List.of(error));
    }

    public RegoException(ErrorKind kind, String message, Location location) {
        this(new RegoError(kind, message, location));
    }

    public List<RegoError> errors() { return errors; }

    public RegoError first() { return errors.get(0); }

    public ErrorKind kind() { return errors.get(0).kind(); }

    private static String render(List<RegoError> errors) {
        if (errors.size() == 1) return errors.get(0).toString();
        return errors.size() + " errors occurred:\n"
                + errors.stream().map(RegoError::toString).collect(Collectors.joining("\n"));
    }
}
