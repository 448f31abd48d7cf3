package dev.airlock.policy;

/**
 * A layer that had to allow the request and did not.
 *
 * @param level for SCPs the organisation level (0 = root), otherwise 0
 */
public record MissingAllow(Layer layer, int level, String reason) {
    @Override
    public String toString() {
        return reason;
    }
}
