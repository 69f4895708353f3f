package dev.ecsguard.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

import java.io.PrintWriter;
import java.util.List;

/**
 * One ecs-guard subcommand as {@link Main} dispatches it: its help text, its options (parsed with
 * Apache Commons CLI), its positional parameters and what it does with a parsed command line.
 * Declared as values rather than annotations so that a run reflects on nothing and builds no
 * model of the commands it does not invoke: start-up time is part of what the CLI is judged on.
 *
 * @param name        the word after {@code ecs-guard}
 * @param summary     one line, shown in the command list and first in the command's help
 * @param details     further help paragraphs
 * @param options     the options, in help order ({@code -h/--help} is added by the dispatcher)
 * @param positional  the label of the positional parameters in the usage line, e.g. {@code PATH}
 * @param minPositional at least this many positional parameters
 * @param maxPositional at most this many ({@link Integer#MAX_VALUE}: no limit)
 * @param exitCodes   {@code "code:meaning"}, as the help's "Exit codes" list shows them
 * @param action      what runs once the command line parsed
 */
record Subcommand(String name, String summary, List<String> details, List<Option> options, String positional,
                  int minPositional, int maxPositional, List<String> exitCodes, Action action) {

    /** Runs a parsed command line; output to {@code out}, messages to {@code err}; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(Args args, PrintWriter out, PrintWriter err) throws Args.UsageError;
    }

    static final Option HELP = Option.builder("h").longOpt("help").desc("Show this help message and exit.").get();

    Subcommand {
        details = List.copyOf(details);
        options = List.copyOf(options);
        exitCodes = List.copyOf(exitCodes);
    }

    /** The options the parser accepts: the command's and {@code -h/--help}. */
    Options parserOptions() {
        Options o = new Options();
        for (Option opt : options) o.addOption(opt);
        o.addOption(HELP);
        return o;
    }
}
