package dev.airlock.session;

import dev.airlock.catalog.ActionInfo;
import java.util.List;

/**
 * A session policy built for a request.
 *
 * @param json the compact policy document sent to STS
 * @param grants its statements
 * @param actions every concrete catalog action the policy grants on at least one resource
 * @param notes things the user should know (resources that fit nothing, listing limited by prefix...)
 * @param warnings risks a reviewer must see before the session opens (Permissions-management
 *     actions, iam:PassRole to any service...)
 */
public record SessionPolicy(String json, List<Grant> grants, List<ActionInfo> actions, List<String> notes,
        List<String> warnings) {

    /** STS's limit on the plaintext of an inline session policy, in characters. */
    public static final int MAX_PLAINTEXT_CHARS = 2048;

    public SessionPolicy {
        grants = List.copyOf(grants);
        actions = List.copyOf(actions);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }
}
