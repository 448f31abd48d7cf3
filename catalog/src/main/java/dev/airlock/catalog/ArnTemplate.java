package dev.airlock.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource type's ARN template(s) compiled for matching concrete ARNs or policy resource
 * patterns. Characters of the ARN are taken literally, so {@code arn:aws:s3:::bucket/*} fits the
 * S3 object template with {@code *} as the object name.
 *
 * <p>How much a {@code ${...}} placeholder may swallow is what makes or breaks the answer:
 *
 * <ul>
 *   <li>in the partition, service, region and account fields: anything but {@code :}, since
 *       those fields are colon-delimited;
 *   <li>in the resource part, the last placeholder may contain {@code /} and {@code :} (IAM role
 *       paths, S3 keys, Lambda qualifiers) while earlier ones are one path segment;
 *   <li>except that a placeholder standing alone as the whole resource (S3 bucket, SQS queue, SNS
 *       topic) is one segment too, so {@code arn:aws:s3:::bucket/*} is not taken for a bucket,
 *       the commonest resource mistake in S3 policies. The two lone placeholders whose values do
 *       contain separators are listed in {@link #LONE_MULTI_SEGMENT}.
 * </ul>
 *
 * A literal {@code *} in a template (some services document {@code cert:*} and the like) matches
 * anything within its field.
 */
final class ArnTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{[^}]*}|\\*");
    private static final int HEAD_FIELDS = 5;

    // CodePipeline stage/action ARNs extend the pipeline name with '/'; Migration Hub's
    // connection placeholder is a whole ARN.
    private static final Set<String> LONE_MULTI_SEGMENT = Set.of("${PipelineName}", "${ConnectionArn}");

    private final List<Pattern> forms;
    private final int literalLength;

    private ArnTemplate(List<Pattern> forms, int literalLength) {
        this.forms = forms;
        this.literalLength = literalLength;
    }

    static ArnTemplate compile(List<String> templates) {
        List<Pattern> forms = new ArrayList<>(templates.size());
        int literal = 0;
        for (String template : templates) {
            forms.add(Pattern.compile(toRegex(template)));
            literal = Math.max(literal, PLACEHOLDER.matcher(template).replaceAll("").length());
        }
        return new ArnTemplate(List.copyOf(forms), literal);
    }

    boolean matches(String arn) {
        for (Pattern form : forms) {
            if (form.matcher(arn).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Literal characters in the template: when several resource types fit (a DynamoDB index ARN
     * also fits the table template), the one that pins down more text is the better answer.
     */
    int specificity() {
        return literalLength;
    }

    private static String toRegex(String template) {
        int split = nthIndexOf(template, ':', HEAD_FIELDS);
        if (split < 0) {
            // Not ARN-shaped; match it as one literal-and-placeholder run so it can still fit.
            return resourceRegex(template);
        }
        return headRegex(template.substring(0, split + 1)) + resourceRegex(template.substring(split + 1));
    }

    private static String headRegex(String head) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(head);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(head.substring(last, m.start()))).append("[^:]*");
            last = m.end();
        }
        return regex.append(Pattern.quote(head.substring(last))).toString();
    }

    private static String resourceRegex(String resource) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(resource);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        StringBuilder regex = new StringBuilder();
        int last = 0;
        for (int i = 0; i < spans.size(); i++) {
            int[] span = spans.get(i);
            String token = resource.substring(span[0], span[1]);
            regex.append(Pattern.quote(resource.substring(last, span[0])));
            regex.append(placeholderRegex(token, resource, i == spans.size() - 1));
            last = span[1];
        }
        return regex.append(Pattern.quote(resource.substring(last))).toString();
    }

    private static String placeholderRegex(String token, String resource, boolean isLast) {
        if (token.equals("*")) {
            return ".*";
        }
        boolean alone = token.equals(resource);
        if (isLast && (!alone || LONE_MULTI_SEGMENT.contains(token))) {
            return ".+";
        }
        return "[^/:]+";
    }

    private static int nthIndexOf(String s, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(c, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
