package dev.airlock.policy;

/**
 * A statement that took part in a decision.
 *
 * @param level for SCPs and RCPs the organisation level (0 = root), otherwise 0
 * @param statement the statement's Sid, or "#index" when it has none
 */
public record StatementRef(Layer layer, int level, String policyName, String statement, Effect effect) {

    static StatementRef of(Layer layer, int level, Policy policy, Statement s) {
        return new StatementRef(layer, level, policy.name(), s.label(), s.effect());
    }

    @Override
    public String toString() {
        String where = layer == Layer.SCP || layer == Layer.RCP ? layer.description() + " level " + level
                : layer.description();
        return effect.awsName() + " " + policyName + " " + statement + " (" + where + ")";
    }
}
