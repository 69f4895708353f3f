package dev.ecsguard.rego.errors;

/** One error as OPA reports it: code, message, location and optional details text. */
public record RegoError(ErrorKind kind, String message, Location location, String details) {
    public RegoError(ErrorKind kind, String message, Location location) {
        this(kind, message, location, null);
    }

    /** OPA's one-line rendering: {@code file:row: code: message}. */
    @Override
    public String toString() {
        if (location == null || location.row() == 0) return kind.code() + ": " + message;
        String file = location.file() == null || location.file().isEmpty() ? "" : location.file() + ":";
        return file + location.row() + ": " + kind.code() + ": " + message;
    }
}
