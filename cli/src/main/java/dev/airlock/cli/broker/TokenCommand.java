package dev.airlock.cli.broker;

import dev.airlock.broker.token.CapabilityTokens;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.JsonOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airlock token attenuate|inspect}: a holder's side of capability tokens, offline. The token
 * is read from a file or stdin, never from the command line, where other processes could read it.
 */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Narrow or read a capability token "
        + "offline (no broker needed). The token is read from --token-file, else stdin.",
        footer = {"%nExamples:", "  airlock token attenuate --token-file task.tok --allow s3:GetObject "
                + "--resource 'arn:aws:s3:::acme/reports/2026/*' --ttl 30m > sub-agent.tok",
            "  airlock token inspect --token-file sub-agent.tok --json"},
        subcommands = {TokenCommand.Attenuate.class, TokenCommand.Inspect.class})
public final class TokenCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String read(Optional<Path> file) {
        try {
            String t = file.isPresent() ? Files.readString(file.get(), StandardCharsets.US_ASCII)
                    : new String(System.in.readAllBytes(), StandardCharsets.US_ASCII);
            return t.trim();
        } catch (IOException e) {
            throw new BadInputException("cannot read the token: " + e.getMessage(), "give --token-file FILE or pipe it in");
        }
    }

    @Command(name = "attenuate", mixinStandardHelpOptions = true, description = "Print the token narrowed by the "
            + "options (a new block every later use must pass too); it can never allow more than the original.")
    static final class Attenuate implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--token-file", paramLabel = "FILE", description = "the token to narrow (default: stdin)")
        Optional<Path> tokenFile = Optional.empty();

        @Mixin
        GrantOptions grant = new GrantOptions();

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(CapabilityTokens.attenuate(read(tokenFile), grant.grant(Instant.now())));
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a token's block ids (the last "
            + "is its own; revoke any to revoke it) and its checks. Not a verification: only the broker can verify.")
    static final class Inspect implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--token-file", paramLabel = "FILE", description = "the token (default: stdin)")
        Optional<Path> tokenFile = Optional.empty();

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Override
        public Integer call() {
            CapabilityTokens.Description d = CapabilityTokens.describe(read(tokenFile));
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", d.revocationIds().get(d.revocationIds().size() - 1));
                m.put("blocks", d.revocationIds());
                m.put("datalog", d.datalog());
                spec.commandLine().getOut().println(JsonOutput.of(m));
            } else {
                spec.commandLine().getOut().println("id:     " + d.revocationIds().get(d.revocationIds().size() - 1));
                spec.commandLine().getOut().println("blocks: " + String.join("\n        ", d.revocationIds()));
                spec.commandLine().getOut().println(d.datalog());
            }
            return 0;
        }
    }
}
