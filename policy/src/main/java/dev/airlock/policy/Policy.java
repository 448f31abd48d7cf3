package dev.airlock.policy;

import java.util.List;
import java.util.Optional;

/**
 * A parsed and compiled policy document. Build one with {@link PolicyParser}; evaluating it does
 * no JSON or pattern work.
 *
 * @param name how decisions refer to this policy (a file name, an ARN, "session")
 */
public record Policy(String name, PolicyKind kind, PolicyVersion version, Optional<String> id,
        List<Statement> statements, List<PolicyWarning> warnings) {

    public Policy {
        statements = List.copyOf(statements);
        warnings = List.copyOf(warnings);
    }

    /** Parses {@code json} as a policy of {@code kind}; see {@link PolicyParser#parse}. */
    public static Policy parse(String name, PolicyKind kind, String json) throws PolicyParseException {
        return PolicyParser.parse(name, kind, json);
    }
}
