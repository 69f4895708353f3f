package dev.ecsguard.cli;

import dev.ecsguard.config.Config;
import dev.ecsguard.handler.AwsWiring;
import dev.ecsguard.restore.Restorer;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.Option;

/**
 * {@code ecs-guard restore SERVICE_ARN...}: puts services that ecs-guard scaled to zero back to
 * the desired count and auto scaling state recorded in the ledger ({@link Restorer}), with the
 * function's configuration ({@code LEDGER_TABLE}, {@code MEMBER_ROLE_NAME}, {@code AWS_REGION}).
 */
final class RestoreCommand {
    static final Option ENDPOINT = Option.builder().longOpt("endpoint").hasArg().argName("URL")
            .desc("Every AWS client talks to this endpoint (an emulator).").get();

    static final Subcommand COMMAND = new Subcommand("restore",
            "Scale services that ecs-guard scaled to zero back to their recorded desired count, put back their "
                    + "Application Auto Scaling state, and close their ledger entries (a later violation acts again).",
            List.of("A deregistered task definition revision cannot be re-activated: register it again.",
                    "SERVICE_ARN: service ARNs, as the alert names them."),
            List.of(ENDPOINT), "SERVICE_ARN", 1, Integer.MAX_VALUE,
            List.of("0:every service was restored", "1:nothing recorded for a service, or restoring it failed",
                    "2:bad input (not a service ARN, bad flags)"),
            RestoreCommand::execute);

    String endpoint;
    List<String> services;
    Map<String, String> environment = System.getenv();

    static int execute(Args a, PrintWriter out, PrintWriter err) throws Args.UsageError {
        RestoreCommand c = new RestoreCommand();
        c.endpoint = a.string(ENDPOINT, null);
        c.services = a.positionals();
        c.environment = a.environment();
        return c.call(out, err);
    }

    int call(PrintWriter out, PrintWriter err) {
        Config config;
        Optional<URI> uri;
        try {
            config = Config.fromEnvironment(environment);
            uri = Optional.ofNullable(endpoint).map(URI::create);
        } catch (RuntimeException e) {
            err.println("ecs-guard restore: " + e.getMessage());
            err.flush();
            return 2;
        }
        for (String s : services) {
            Optional<String> bad = Restorer.invalid(s);
            if (bad.isPresent()) {
                err.println("ecs-guard restore: " + bad.get());
                err.flush();
                return 2;
            }
        }
        AwsWiring aws = AwsWiring.forEndpoint(config, uri);
        List<Restorer.Result> results = aws.restorer().restore(services);
        for (Restorer.Result r : results) {
            (r.status() == Restorer.Status.RESTORED ? out : err).println(
                    r.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + r.service() + ": " + r.detail());
        }
        out.flush();
        err.flush();
        return Restorer.exitCode(results);
    }
}
