package dev.airlock.session;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Which services a session may pass a role to, told by its other actions: a session that may
 * create Lambda functions passes roles to Lambda. The values are the services' principals, as
 * {@code iam:PassedToService} compares them.
 */
final class PassedToServices {

    static final String PASS_ROLE = "iam:PassRole";

    private static final Map<String, String> PRINCIPALS = Map.of(
            "lambda", "lambda.amazonaws.com",
            "ecs", "ecs-tasks.amazonaws.com",
            "ec2", "ec2.amazonaws.com",
            "states", "states.amazonaws.com",
            "glue", "glue.amazonaws.com",
            "codebuild", "codebuild.amazonaws.com",
            "cloudformation", "cloudformation.amazonaws.com",
            "sagemaker", "sagemaker.amazonaws.com",
            "events", "events.amazonaws.com");

    private PassedToServices() {}

    /** @param services the action prefixes of every requested action */
    static Optional<GrantCondition> condition(Collection<String> services) {
        TreeSet<String> principals = new TreeSet<>();
        services.forEach(s -> Optional.ofNullable(PRINCIPALS.get(s.toLowerCase(java.util.Locale.ROOT)))
                .ifPresent(principals::add));
        return principals.isEmpty() ? Optional.empty()
                : Optional.of(new GrantCondition.PassedToService(List.copyOf(principals)));
    }

    /** The services Airlock recognises, for telling the user what would limit the role. */
    static String known() {
        return String.join(", ", new TreeSet<>(PRINCIPALS.keySet()));
    }
}
