package dev.ecsguard.rego.errors;

/** One error as OPA reports it: code, message, location and optional details text. */
public record RegoError(ErrorKind kind, String message, Location location, String details) {
    public RegoError(ErrorKind kind, String message, Location location) {
        this(kind, message, location, null);
    }

    /** OPA's one-line rendering: {@code file:row: code: message}. */
    @Override
    public String toString() {
        String where = location == null || location.row() == 0 ? "" : location + ": ";
        return where + kind.code() + ": " + message;
    }
}
