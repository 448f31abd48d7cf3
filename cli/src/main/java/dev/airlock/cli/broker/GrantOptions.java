package dev.airlock.cli.broker;

import dev.airlock.broker.token.SessionMode;
import dev.airlock.broker.token.Tier;
import dev.airlock.broker.token.TokenGrant;
import dev.airlock.cli.BadInputException;
import dev.airlock.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** What a token block allows, as options; shared by {@code broker token mint} and {@code token attenuate}. */
final class GrantOptions {

    @Option(names = "--allow", paramLabel = "ACTIONS", split = ",", description = "action patterns a session may ask for")
    List<String> allow = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "ARN", description = "ARN patterns a session may ask for (repeatable)")
    List<String> resources = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", description = "how long the token lives, e.g. 8h")
    Optional<String> ttl = Optional.empty();

    @Option(names = "--max-tier", paramLabel = "TIER", description = "highest approval tier: none, confirm, typed, totp")
    Optional<String> maxTier = Optional.empty();

    @Option(names = "--modes", paramLabel = "MODES", split = ",", description = "session modes allowed: enforce, sts")
    List<String> modes = new ArrayList<>();

    @Option(names = "--max-session-ttl", paramLabel = "DURATION", description = "longest a session may live: its "
            + "credentials in sts mode, its endpoint (maxDuration) in enforce mode")
    Optional<String> maxSessionTtl = Optional.empty();

    @Option(names = "--max-sessions", paramLabel = "N", description = "sessions this token (and everything "
            + "attenuated from it) may open")
    Optional<Integer> maxSessions = Optional.empty();

    @Option(names = "--max-cost-cents", paramLabel = "N", description = "highest cost limit a session may ask for")
    Optional<Long> maxCostCents = Optional.empty();

    @Option(names = "--delegation", negatable = true, description = "whether sessions may be asked for from inside "
            + "a session (nested); mint: off unless given; attenuate: --no-delegation turns it off")
    Optional<Boolean> delegation = Optional.empty();

    @Option(names = "--client", paramLabel = "NAME", description = "a registered client that may present the token "
            + "(repeatable; default: any)")
    List<String> clients = new ArrayList<>();

    TokenGrant grant(Instant now) {
        try {
            return new TokenGrant(allow.isEmpty() ? Optional.empty() : Optional.of(allow),
                    resources.isEmpty() ? Optional.empty() : Optional.of(resources),
                    ttl.map(t -> now.plus(duration("--ttl", t))), maxTier.map(Tier::parse),
                    modes.isEmpty() ? Optional.empty()
                            : Optional.of(modes.stream().map(SessionMode::parse).collect(Collectors.toSet())),
                    maxSessionTtl.map(t -> duration("--max-session-ttl", t)), maxSessions, maxCostCents, delegation,
                    clients.isEmpty() ? Optional.empty()
                            : Optional.of(clients.stream().map(dev.airlock.broker.auth.ClientId::new).collect(Collectors.toSet())));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), "see airlock help token");
        }
    }

    private static Duration duration(String flag, String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(flag + " " + e.getMessage(), "e.g. " + flag + " 8h");
        }
    }
}
