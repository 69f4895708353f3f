package dev.ecsguard.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the ecs-guard command-line tool (the same jar is the Lambda artifact). */
@Command(name = "ecs-guard", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {EvalCommand.class, BenchCommand.class, ConformanceCommand.class, TestCommand.class, ReplayCommand.class, CheckCommand.class, RestoreCommand.class},
        description = "Compliance enforcer for Amazon ECS with an in-process Rego engine.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:finding (policy violation) or failure", "2:usage error (bad command line)"})
public final class Main implements Runnable {
    public static void main(String[] args) {
        // On the engine's deep-stack thread: every parse, compile and evaluation then runs in place
        // (no hand-over per call, which bench figures would include), and deep results print safely.
        System.exit(dev.ecsguard.rego.stack.DeepStack.call(() -> new CommandLine(new Main()).execute(args)));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
