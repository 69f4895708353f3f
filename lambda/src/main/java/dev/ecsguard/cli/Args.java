package dev.ecsguard.cli;

import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A parsed command line with typed access; a value that does not convert is a {@link UsageError}. */
final class Args {
    /** A bad command line or an unreadable file: exit 2 with this message. */
    static final class UsageError extends Exception {
        UsageError(String message) { super(message); }
    }

    private final CommandLine line;
    private final Map<String, String> environment;

    /** @param environment the environment variables the command reads its configuration from */
    Args(CommandLine line, Map<String, String> environment) {
        this.line = line;
        this.environment = environment;
    }

    /** The process's environment variables, or the ones a test gives. */
    Map<String, String> environment() { return environment; }

    boolean flag(Option o) { return line.hasOption(o); }

    /** The value of a single-valued option, or {@code otherwise} when it is absent. */
    String string(Option o, String otherwise) throws UsageError {
        String[] v = line.getOptionValues(o);
        if (v == null || v.length == 0) return otherwise;
        if (v.length > 1) throw new UsageError("option " + display(o) + " should be specified only once");
        return v[0];
    }

    /** Every value of a repeatable option, in order (empty when absent). */
    List<String> strings(Option o) {
        String[] v = line.getOptionValues(o);
        return v == null ? List.of() : List.of(v);
    }

    Path path(Option o) throws UsageError {
        String v = string(o, null);
        return v == null ? null : path(display(o), v);
    }

    List<Path> paths(Option o) throws UsageError {
        List<Path> out = new ArrayList<>();
        for (String v : strings(o)) out.add(path(display(o), v));
        return out;
    }

    int integer(Option o, int otherwise) throws UsageError {
        String v = string(o, null);
        if (v == null) return otherwise;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageError("option " + display(o) + ": '" + v + "' is not an integer");
        }
    }

    /** The positional parameters, in order. */
    List<String> positionals() { return line.getArgList(); }

    List<Path> positionalPaths(String label) throws UsageError {
        List<Path> out = new ArrayList<>();
        for (String v : positionals()) out.add(path(label, v));
        return out;
    }

    static Path path(String what, String value) throws UsageError {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageError(what + ": invalid path '" + value + "': " + e.getReason());
        }
    }

    /** How an option is named in messages: its long name, else its short one. */
    static String display(Option o) {
        return o.getLongOpt() != null ? "--" + o.getLongOpt() : "-" + o.getOpt();
    }
}
