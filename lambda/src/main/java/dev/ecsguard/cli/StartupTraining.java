package dev.ecsguard.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run of the start-up archive that the build writes beside the jar
 * ({@code lambda/target/ecs-guard.aot}: the JDK's AOT cache on JDK 25+; {@code ecs-guard.jsa}: a
 * dynamic CDS archive on JDK 21-24) and that {@code ./ecs-guard} hands the JVM. Runs ecs-guard
 * command lines one after another in this JVM, their output discarded, so that the archive holds
 * the classes (and on JDK 25 the method profiles) of every command the launcher starts: eval,
 * check, test and replay.
 *
 * <pre>java -XX:AOTCacheOutput=ecs-guard.aot -cp ecs-guard.jar dev.ecsguard.cli.StartupTraining eval ... ";" test policies/</pre>
 *
 * The commands read and write their parsed-module cache in a temporary directory (removed at the
 * end), not the user's: the first command parses and writes entries, the later ones read them,
 * so the archive holds both paths.
 *
 * Command lines are separated by an argument {@code ;}. A command that exits 2 or more (a usage
 * error or bad input: the training did not do the work it was meant to) fails the run with exit 1,
 * so the build says so rather than writing an archive of the wrong classes.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        List<List<String>> commands = split(args);
        if (commands.isEmpty()) {
            System.err.println("usage: StartupTraining COMMAND-LINE [; COMMAND-LINE]...");
            System.exit(2);
        }
        Path cacheHome;
        try {
            cacheHome = Files.createTempDirectory("ecs-guard-training-cache");
        } catch (IOException e) {
            System.err.println("startup training: cannot create a temporary cache directory: " + e);
            System.exit(1);
            return;
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CACHE_HOME", cacheHome.toString());
        env.remove(RegoCli.NO_CACHE_VARIABLE);
        PrintStream realOut = System.out, realErr = System.err;
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        int failed = 0;
        for (List<String> command : commands) {
            String[] a = command.toArray(String[]::new);
            int code;
            System.setOut(discard);
            System.setErr(discard);
            try {
                code = Main.execute(a, new PrintWriter(discard), new PrintWriter(discard), env);
            } finally {
                System.setOut(realOut);
                System.setErr(realErr);
            }
            realErr.println("startup training: ecs-guard " + String.join(" ", command) + " -> exit " + code);
            if (code >= 2) failed++;
        }
        deleteTree(cacheHome);
        if (failed > 0) {
            realErr.println("startup training: " + failed + " command(s) did not run to a result (exit >= 2)");
            System.exit(1);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("startup training: could not remove " + dir + ": " + e);
        }
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = new ArrayList<>();
        for (String a : Arrays.asList(args)) {
            if (a.equals(";")) {
                if (!cur.isEmpty()) out.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(a);
            }
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }
}
