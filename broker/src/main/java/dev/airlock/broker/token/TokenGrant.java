package dev.airlock.broker.token;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one block of a capability token allows; an empty field leaves that aspect to the other
 * blocks. A token allows a request only if every block does, so a block appended by a holder can
 * narrow, never widen.
 *
 * @param actions IAM action patterns a requested action must fall inside
 * @param resources ARN patterns a requested resource must fall inside
 * @param maxTier the highest approval tier a session request may ask for
 * @param maxSessions sessions that may be opened with this block's token and everything attenuated from it
 * @param maxCostCents the highest cost limit (US cents) a session may ask for
 * @param delegation whether a session may be asked for from inside another session (a nested
 *     request); false adds the check, true adds none (a block can only narrow)
 * @param clients the registered clients that may present the token (a leaked token is useless to the others)
 */
public record TokenGrant(Optional<List<String>> actions, Optional<List<String>> resources, Optional<Instant> expires,
        Optional<Tier> maxTier, Optional<Set<SessionMode>> modes, Optional<Duration> maxTtl,
        Optional<Integer> maxSessions, Optional<Long> maxCostCents, Optional<Boolean> delegation,
        Optional<Set<dev.airlock.broker.auth.ClientId>> clients) {

    public TokenGrant {
        actions = actions.map(List::copyOf);
        resources = resources.map(List::copyOf);
        modes = modes.map(Set::copyOf);
        clients = clients.map(Set::copyOf);
        if (clients.filter(Set::isEmpty).isPresent()) {
            throw new IllegalArgumentException("an empty list of clients would allow no one");
        }
        if (actions.filter(List::isEmpty).isPresent() || resources.filter(List::isEmpty).isPresent()) {
            throw new IllegalArgumentException("an empty list of actions or resources would allow nothing; "
                    + "leave the option out to keep the token's own");
        }
        if (modes.filter(Set::isEmpty).isPresent()) {
            throw new IllegalArgumentException("no session mode left: give enforce, sts or both");
        }
        maxSessions.filter(n -> n < 0).ifPresent(n -> {
            throw new IllegalArgumentException("a session count cannot be negative");
        });
        maxCostCents.filter(n -> n < 0).ifPresent(n -> {
            throw new IllegalArgumentException("a cost ceiling cannot be negative");
        });
    }

    public static TokenGrant none() {
        return new TokenGrant(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
