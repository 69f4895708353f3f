package dev.ecsguard.rego.errors;

/** A place in Rego source: file (may be empty for a query), 1-based row and column. */
public record Location(String file, int row, int col) {
    public static final Location NONE = new Location("", 0, 0);

    @Override
    public String toString() {
        return (file == null || file.isEmpty() ? "" : file + ":") + row + ":" + col;
    }
}
