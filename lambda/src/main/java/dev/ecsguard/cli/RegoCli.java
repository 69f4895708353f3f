package dev.ecsguard.cli;

import dev.ecsguard.rego.CompiledPolicy;
import dev.ecsguard.rego.Rego;
import dev.ecsguard.rego.ast.RegoVersion;
import dev.ecsguard.rego.compile.StageListener;
import dev.ecsguard.rego.errors.RegoError;
import dev.ecsguard.rego.errors.RegoException;
import dev.ecsguard.rego.parsecache.ParsedModuleCache;
import dev.ecsguard.rego.testing.PolicyFiles;
import dev.ecsguard.rego.value.Value;
import org.apache.commons.cli.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the Rego commands share: policy loading options, version flags, input and error printing. */
final class RegoCli {
    private RegoCli() {}

    static final Option V0 = Option.builder().longOpt("v0").desc("Parse every module as Rego v0 (OPA 0.x syntax).").get();
    static final Option V1 = Option.builder().longOpt("v1")
            .desc("Parse every module as Rego v1 (default: detect per module, v1 first).").get();
    static final Option DATA_PATH = Option.builder("d").longOpt("data-path").hasArg().argName("FILE|DIR")
            .desc("Policy module, data document or directory (repeatable).").get();
    static final Option DATA = Option.builder().longOpt("data").hasArg().argName("FILE")
            .desc("Base data document, merged at the root of data.").get();
    static final Option NO_CACHE = Option.builder().longOpt("no-cache")
            .desc("Parse every module: neither read nor write the parsed-module cache (also "
                    + "ECS_GUARD_NO_CACHE=1).").get();
    /** Set (to anything but empty, 0 or false), the commands use no parsed-module cache, as with --no-cache. */
    static final String NO_CACHE_VARIABLE = "ECS_GUARD_NO_CACHE";

    /** {@code -d}, {@code --data}, {@code --v0}, {@code --v1}, then the command's own options. */
    static List<Option> withPolicyOptions(Option... own) {
        List<Option> all = new ArrayList<>(List.of(DATA_PATH, DATA, V0, V1));
        all.addAll(List.of(own));
        return all;
    }

    /** {@code --v0} / {@code --v1}; neither (null) detects the version of each module. */
    static RegoVersion version(Args a) throws Args.UsageError {
        boolean v0 = a.flag(V0), v1 = a.flag(V1);
        if (v0 && v1) throw new Args.UsageError("--v0 and --v1 are mutually exclusive");
        return v0 ? RegoVersion.V0 : v1 ? RegoVersion.V1 : null;
    }

    /** The policy a command evaluates: {@code -d} paths, {@code --data} and the version flags (eval, bench). */
    record PolicyOptions(List<Path> paths, Path data, RegoVersion version) {
        static PolicyOptions of(Args a) throws Args.UsageError {
            return new PolicyOptions(a.paths(DATA_PATH), a.path(DATA), RegoCli.version(a));
        }

        /** Loads the {@code -d} paths plus the {@code --data} file. */
        PolicyFiles.Loaded load() throws Args.UsageError {
            return RegoCli.load(paths, data);
        }
    }

    /** Loads policy paths plus an optional base data file. */
    static PolicyFiles.Loaded load(List<Path> paths, Path dataFile) throws Args.UsageError {
        List<Path> all = new ArrayList<>(paths == null ? List.of() : paths);
        if (dataFile != null) {
            if (!PolicyFiles.isData(dataFile)) {
                throw new Args.UsageError(dataFile + ": --data must be a .json, .yaml or .yml file");
            }
            all.add(dataFile);
        }
        try {
            return PolicyFiles.load(all);
        } catch (PolicyFiles.LoadException e) {
            throw new Args.UsageError(e.getMessage());
        }
    }

    /**
     * The parsed-module cache in the user's cache directory, or null with {@code --no-cache} or
     * {@value #NO_CACHE_VARIABLE} set (or when there is no cache directory).
     */
    static ParsedModuleCache parseCache(Args a) {
        if (a.flag(NO_CACHE) || isSet(a.environment().get(NO_CACHE_VARIABLE))) return null;
        return ParsedModuleCache.forUser(a.environment());
    }

    /** True for any value but null, empty, {@code 0} or {@code false}. */
    static boolean isSet(String v) {
        return v != null && !v.isBlank() && !v.strip().equals("0") && !v.strip().equalsIgnoreCase("false");
    }

    /** Parses (from {@code cache} where it can; null: no cache) and compiles. */
    static CompiledPolicy compile(PolicyFiles.Loaded loaded, RegoVersion version, ParsedModuleCache cache) {
        return compile(loaded, version, cache, StageListener.NONE);
    }

    /** As {@link #compile(PolicyFiles.Loaded, RegoVersion, ParsedModuleCache)}; {@code stages} hears the end of each compiler stage. */
    static CompiledPolicy compile(PolicyFiles.Loaded loaded, RegoVersion version, ParsedModuleCache cache, StageListener stages) {
        Rego.Builder b = Rego.builder().version(version).data(loaded.data()).stageListener(stages);
        if (cache == null) loaded.modules().forEach(b::module);
        else cache.parseAll(loaded.modules(), version).forEach(b::module);
        return b.build();
    }

    /** The input document ({@code -} reads stdin as JSON), or null when none was given. */
    static Value readInput(Path input) throws Args.UsageError {
        if (input == null) return null;
        try {
            if (input.toString().equals("-")) return PolicyFiles.parseJson("<stdin>", System.in.readAllBytes());
            return PolicyFiles.readData(input);
        } catch (PolicyFiles.LoadException e) {
            throw new Args.UsageError(e.getMessage());
        } catch (IOException e) {
            throw new Args.UsageError("<stdin>: cannot read: " + e.getMessage());
        }
    }

    /** Raw input bytes (for bench, which parses them on every iteration). */
    static byte[] readInputBytes(Path input) throws Args.UsageError {
        if (input == null) return null;
        try {
            return input.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(input);
        } catch (NoSuchFileException e) {
            throw new Args.UsageError(input + ": no such file");
        } catch (IOException e) {
            throw new Args.UsageError(input + ": cannot read: " + e.getMessage());
        }
    }

    /** Every error on its own line: {@code file:row:col: code: message}. */
    static void printErrors(RegoException e, PrintWriter err) {
        List<RegoError> errors = e.errors();
        if (errors.size() > 1) err.println(errors.size() + " errors occurred:");
        for (RegoError x : errors) err.println(format(x));
    }

    /** {@code file:row:col: code: message} (the file is omitted for query errors, the place when unknown). */
    static String format(RegoError e) {
        var l = e.location();
        if (l == null || l.row() <= 0) return e.kind().code() + ": " + e.message();
        String file = l.file() == null || l.file().isEmpty() ? "" : l.file() + ":";
        return file + l.row() + ":" + l.col() + ": " + e.kind().code() + ": " + e.message();
    }
}
