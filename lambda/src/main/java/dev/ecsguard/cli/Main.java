package dev.ecsguard.cli;

import org.apache.commons.cli.AmbiguousOptionException;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.MissingArgumentException;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

import dev.ecsguard.rego.stack.DeepStack;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Entry point of the ecs-guard command-line tool (the same jar is the Lambda artifact): picks the
 * subcommand named by the first argument, parses the rest with Apache Commons CLI and runs it.
 */
public final class Main {
    static final String SUMMARY = "Compliance enforcer for Amazon ECS with an in-process Rego engine.";
    static final List<String> EXIT_CODES = List.of("0:ok", "1:finding (policy violation) or failure",
            "2:usage error (bad command line)");

    /** The subcommands, in help order. */
    static final List<Subcommand> COMMANDS = List.of(EvalCommand.COMMAND, BenchCommand.COMMAND,
            ConformanceCommand.COMMAND, TestCommand.COMMAND, ReplayCommand.COMMAND, CheckCommand.COMMAND,
            RestoreCommand.COMMAND);

    private Main() {}

    public static void main(String[] args) {
        StartupTrace.enableFromEnvironment();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
        // The command runs on the engine's deep-stack thread: every parse, compile and evaluation then
        // runs in place (no hand-over per call, which bench figures would include), and deep results
        // print safely. The trace carries the main thread's CPU time over to that thread.
        long mainThreadCpu = StartupTrace.threadCpuNanos();
        int code = DeepStack.call(() -> {
            StartupTrace.continueOnThisThread(mainThreadCpu);
            return execute(args, out, err);
        });
        out.flush();
        err.flush();
        StartupTrace.printIfEnabled(System.err);
        System.exit(code);
    }

    /** Runs one command line in this JVM, its output to {@code out} and {@code err}; returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(COMMANDS, args, out, err, System.getenv());
    }

    /** The same, with the environment variables the commands read their configuration from (tests). */
    static int execute(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return execute(COMMANDS, args, out, err, environment);
    }

    static int execute(List<Subcommand> commands, String[] args, PrintWriter out, PrintWriter err,
                       Map<String, String> environment) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            HelpText.main(SUMMARY, commands, EXIT_CODES, out);
            return 0;
        }
        if (args[0].equals("-V") || args[0].equals("--version")) {
            for (String line : VersionProvider.lines(VersionProvider.load())) out.println(line);
            out.flush();
            return 0;
        }
        Subcommand command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
        if (command == null) {
            String what = args[0].startsWith("-") ? "unknown option '" + args[0] + "'"
                    : "unknown command '" + args[0] + "' (commands: "
                    + String.join(", ", commands.stream().map(Subcommand::name).toList()) + ")";
            return usageError("ecs-guard: " + what, "ecs-guard --help", err);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        String prefix = "ecs-guard " + command.name() + ": ";
        String help = "ecs-guard " + command.name() + " --help";
        CommandLine line;
        try {
            line = DefaultParser.builder().setAllowPartialMatching(false).setStripLeadingAndTrailingQuotes(false).get()
                    .parse(command.parserOptions(), rest);
        } catch (ParseException e) {
            return usageError(prefix + message(e), help, err);
        }
        if (line.hasOption(Subcommand.HELP)) {
            HelpText.command(command, out);
            return 0;
        }
        int n = line.getArgList().size();
        if (n < command.minPositional()) {
            return usageError(prefix + "missing " + command.positional()
                    + (command.minPositional() > 1 ? " (at least " + command.minPositional() + ")" : ""), help, err);
        }
        if (n > command.maxPositional()) {
            return usageError(prefix + "unexpected argument '" + line.getArgList().get(command.maxPositional()) + "'", help, err);
        }
        try {
            return command.action().run(new Args(line, environment), out, err);
        } catch (Args.UsageError e) {
            return usageError(prefix + e.getMessage(), null, err);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug, not bad input: say so with the trace, after what the command already printed.
            out.flush();
            err.println(prefix + "internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** Commons CLI's messages, in the words of the rest of ecs-guard's errors. */
    private static String message(ParseException e) {
        if (e instanceof UnrecognizedOptionException u) return "unknown option '" + u.getOption() + "'";
        if (e instanceof MissingArgumentException m) return "option " + Args.display(m.getOption()) + " needs a value";
        if (e instanceof AmbiguousOptionException a) return "ambiguous option '" + a.getOption() + "'";
        return e.getMessage();
    }

    private static int usageError(String message, String help, PrintWriter err) {
        err.println(message);
        if (help != null) err.println("Try '" + help + "' for more information.");
        err.flush();
        return 2;
    }
}
