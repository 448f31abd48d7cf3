package dev.airlock.session;

import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code --resource} arguments, checked.
 *
 * @param given the arguments as given, trimmed and without repeats
 * @param arns the ARNs and ARN patterns among them; empty when no resource but {@code *} was given,
 *     which means every action on every resource
 * @param star {@code *} was given next to ARNs: it goes only with the actions whose only resource is {@code *}
 */
record Targets(List<String> given, List<String> arns, boolean star) {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}|[0-9*?]*[*?][0-9*?]*");
    private static final Pattern PARTITION = Pattern.compile("aws|aws-cn|aws-us-gov|aws-iso(-[a-z])?|[*]");
    private static final String SHAPE = "an ARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, e.g. "
            + "arn:aws:s3:::bucket/reports/*";

    Targets {
        given = List.copyOf(given);
        arns = List.copyOf(arns);
    }

    /** @throws ScopeException for an argument that is not an ARN, with the ARN it probably meant */
    static Targets parse(List<String> resources) {
        List<String> given = new ArrayList<>();
        for (String r : resources) {
            String text = r.trim();
            if (!text.equals("*")) {
                requireArn(text);
            }
            if (!given.contains(text)) {
                given.add(text);
            }
        }
        List<String> arns = given.stream().filter(t -> !t.equals("*")).toList();
        return new Targets(given, arns, !arns.isEmpty() && given.contains("*"));
    }

    /** No ARN given: every action goes on every resource. */
    boolean everything() {
        return arns.isEmpty();
    }

    private static void requireArn(String text) {
        if (text.regionMatches(true, 0, "s3://", 0, 5)) {
            throw new ScopeException("--resource '" + text + "' is an S3 URI, not an ARN", s3UriHint(text.substring(5)));
        }
        Optional<Arn> arn = Arn.parse(text);
        if (arn.isEmpty()) {
            throw new ScopeException("--resource '" + text + "' is not an ARN", SHAPE);
        }
        Arn a = arn.get();
        if (!PARTITION.matcher(a.partition()).matches()) {
            throw new ScopeException("--resource '" + text + "': unknown partition '" + a.partition() + "'",
                    "the partition is aws, aws-cn or aws-us-gov");
        }
        if (a.service().isEmpty() || a.resource().isEmpty()) {
            throw new ScopeException("--resource '" + text + "' has an empty " + (a.service().isEmpty() ? "service" : "resource")
                    + " part", SHAPE);
        }
        if (!a.account().isEmpty() && !ACCOUNT.matcher(a.account()).matches()) {
            throw new ScopeException("--resource '" + text + "': account '" + a.account() + "' is not 12 digits",
                    "write the account ID that owns the resource, or leave it empty for S3");
        }
    }

    /** The ARN an {@code s3://bucket/path} argument stands for, as the AWS CLI reads it. */
    private static String s3UriHint(String path) {
        int slash = path.indexOf('/');
        String bucket = slash < 0 ? path : path.substring(0, slash);
        String key = slash < 0 ? "" : path.substring(slash + 1);
        String arn = "arn:aws:s3:::" + bucket;
        if (bucket.isEmpty()) {
            return SHAPE;
        }
        if (key.isEmpty()) {
            return "write --resource '" + arn + "/*' for its objects (listing the bucket comes with it), or '"
                    + arn + "' for the bucket itself";
        }
        if (key.endsWith("/") || key.endsWith("*")) {
            String prefix = key.endsWith("*") ? key : key + "*";
            return "write --resource '" + arn + "/" + prefix + "' for the objects under " + key
                    + " (listing that prefix comes with it)";
        }
        return "write --resource '" + arn + "/" + key + "' for that object, or '" + arn + "/" + key
                + "/*' for the objects under " + key + "/";
    }
}
