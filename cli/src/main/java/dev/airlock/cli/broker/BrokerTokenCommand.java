package dev.airlock.cli.broker;

import dev.airlock.broker.state.TokenStore;
import dev.airlock.broker.token.TokenGrant;
import dev.airlock.cli.BadInputException;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock broker token mint|revoke}: the owner's side of capability tokens (needs the root key). */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Mint and revoke capability tokens "
        + "(the broker's owner). Holders narrow them with 'airlock token attenuate'.",
        subcommands = {BrokerTokenCommand.Mint.class, BrokerTokenCommand.Revoke.class})
final class BrokerTokenCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "mint", mixinStandardHelpOptions = true, description = {"Print a new token for TASK: every "
            + "session asked under it must fit inside --allow, --resource and the other limits.",
        "The token is a bearer secret: hand it to the task's agent only."})
    static final class Mint implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--task", paramLabel = "ID", required = true, description = "the task the token is for")
        String task;

        @Mixin
        GrantOptions grant = new GrantOptions();

        @Override
        public Integer call() {
            if (grant.allow.isEmpty() || grant.resources.isEmpty() || grant.ttl.isEmpty()) {
                throw new BadInputException("a new token needs --allow, --resource and --ttl",
                        "e.g. --allow s3:GetObject --resource 'arn:aws:s3:::acme/reports/*' --ttl 8h");
            }
            TokenGrant g = grant.grant(Instant.now());
            // A new token is enforce-only and refuses nested requests unless the owner says otherwise.
            g = new TokenGrant(g.actions(), g.resources(), g.expires(), g.maxTier(),
                    g.modes().or(() -> java.util.Optional.of(java.util.Set.of(dev.airlock.broker.token.SessionMode.ENFORCE))),
                    g.maxTtl(), g.maxSessions(), g.maxCostCents(), g.delegation().or(() -> java.util.Optional.of(false)),
                    g.clients());
            TokenStore store = BrokerCommand.tokenStore();
            try {
                spec.commandLine().getOut().println(BrokerCommand.tokens(store).mint(task, g));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage(), "see airlock broker token mint --help");
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke token ID (from the audit log "
            + "or 'airlock token inspect') and every token attenuated from it.")
    static final class Revoke implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            BrokerCommand.tokenStore().revoke(id);
            spec.commandLine().getErr().println("airlock: token " + id + " revoked, with everything attenuated from it");
            return 0;
        }
    }
}
