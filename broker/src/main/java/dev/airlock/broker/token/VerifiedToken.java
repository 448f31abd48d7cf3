package dev.airlock.broker.token;

import java.util.List;
import org.biscuitsec.biscuit.token.Biscuit;

/**
 * A token whose every block's signature verified against the broker's root key and none of whose
 * blocks is revoked.
 *
 * @param revocationIds one per block, the authority's first: the last is this token's own id, the
 *     others are the tokens it was attenuated from
 */
public record VerifiedToken(Biscuit biscuit, String taskId, List<String> revocationIds) {
    public VerifiedToken {
        revocationIds = List.copyOf(revocationIds);
    }

    /** This token's id (its last block's revocation id). */
    public String id() {
        return revocationIds.get(revocationIds.size() - 1);
    }

    /** The ids of the tokens this one was attenuated from, the broker's original first. */
    public List<String> parents() {
        return revocationIds.subList(0, revocationIds.size() - 1);
    }
}
