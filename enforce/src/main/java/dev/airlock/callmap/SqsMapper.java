package dev.airlock.callmap;

import dev.airlock.callmap.ServiceMapper.Protocol;
import dev.airlock.policy.match.Arn;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS, in both its JSON protocol ({@code AmazonSQS.Op}) and the legacy Query protocol: the queue is
 * named by {@code QueueUrl} ({@code https://sqs.REGION.amazonaws.com/ACCOUNT/NAME}), by the
 * request path of a legacy Query call, or by {@code QueueName} (CreateQueue, GetQueueUrl). Batch
 * operations are authorised as their single-message actions (SQS Developer Guide, "Amazon SQS
 * batch actions").
 */
final class SqsMapper implements ServiceMapper {

    private static final Map<String, String> BATCH = Map.of("SendMessageBatch", "SendMessage",
            "DeleteMessageBatch", "DeleteMessage", "ChangeMessageVisibilityBatch", "ChangeMessageVisibility");
    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}(?:\\.fifo)?");
    private static final Pattern QUEUE_PATH = Pattern.compile("/(\\d{12})/([^/]+)/?");
    private static final Pattern SQS_HOST = Pattern.compile("sqs(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
    private static final Pattern LEGACY_HOST = Pattern.compile("([a-z0-9-]+)\\.queue\\.amazonaws\\.com(?:\\.cn)?");

    @Override
    public Set<String> actions() {
        return Set.of("sqs:SendMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:CreateQueue",
                "sqs:TagQueue", "sqs:GetQueueUrl", "sqs:ReceiveMessage", "sqs:GetQueueAttributes");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        Args args = call.args();
        if (op.equals("StartMessageMoveTask") || op.equals("CancelMessageMoveTask")) {
            throw new Unmappable("SQS " + op + " is not supported (it needs permissions on several queues)");
        }
        String action = "sqs:" + BATCH.getOrDefault(op, op);
        String queue;
        List<PartDraft> parts = new ArrayList<>();
        switch (op) {
            case "CreateQueue" -> {
                queue = named(args, env, Optional.empty());
                PartDraft d = PartDraft.of(action, queue);
                Map<String, String> tags = tags(call, "tags", "Tag");
                RpcMapper.tagKeys(d, tags);
                parts.add(d);
                if (!tags.isEmpty()) {
                    PartDraft tag = PartDraft.of("sqs:TagQueue", queue);
                    RpcMapper.tagKeys(tag, tags);
                    parts.add(tag);
                }
                return Optional.of(parts);
            }
            case "GetQueueUrl" -> queue = named(args, env, args.str("QueueOwnerAWSAccountId"));
            case "ListQueues" -> {
                return Optional.empty();
            }
            case "ListMessageMoveTasks" -> {
                String source = args.str("SourceArn").orElseThrow(() -> new Unmappable("no SourceArn"));
                Arn arn = Arns.require(source, "sqs", "SourceArn");
                Arns.samePartition(arn, env);
                queue = source;
            }
            default -> queue = url(call, env);
        }
        PartDraft d = PartDraft.of(action, queue);
        if (op.equals("TagQueue")) {
            RpcMapper.tagKeys(d, tags(call, "Tags", "Tag"));
        } else if (op.equals("UntagQueue")) {
            List<String> keys = args.strings(call.protocol() == Protocol.JSON ? "TagKeys" : "TagKey");
            d.key("aws:TagKeys", keys);
            d.handles("aws:TagKeys");
        }
        parts.add(d);
        return Optional.of(parts);
    }

    /** Tags of CreateQueue/TagQueue: a JSON map, or {@code Prefix.N.Key/Value} in Query form. */
    private static Map<String, String> tags(Call call, String jsonMember, String queryPrefix) throws Unmappable {
        if (call.args() instanceof Args.Json j) {
            return j.stringMap(jsonMember);
        }
        return call.args().pairs(queryPrefix, "Key", "Value");
    }

    private static String named(Args args, Env env, Optional<String> owner) throws Unmappable {
        String name = args.str("QueueName").orElseThrow(() -> new Unmappable("no QueueName"));
        if (!QUEUE_NAME.matcher(name).matches()) {
            throw new Unmappable("malformed QueueName " + name);
        }
        String account = owner.orElse(env.account());
        if (!account.matches("\\d{12}")) {
            throw new Unmappable("malformed QueueOwnerAWSAccountId " + account);
        }
        return env.arn("sqs", account, name);
    }

    /**
     * The queue ARN of the call's QueueUrl (or, for a legacy Query call, its path). When both name a
     * queue they must name the same one: which of the two SQS would act on is not for the endpoint
     * to guess.
     */
    private static String url(Call call, Env env) throws Unmappable {
        Optional<String> url = call.args().str("QueueUrl");
        String requestPath = call.request().rawPath();
        Optional<Matcher> fromPath = requestPath.equals("/") ? Optional.empty() : Optional.of(queuePath(requestPath));
        if (fromPath.isPresent() && call.protocol() != Protocol.QUERY) {
            throw new Unmappable("SQS JSON-protocol calls go to the path /, not " + requestPath);
        }
        if (url.isEmpty()) {
            Matcher m = fromPath.orElseThrow(() -> new Unmappable("SQS " + call.operation() + " names no queue"));
            return env.arn("sqs", m.group(1), m.group(2));
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            throw new Unmappable("malformed QueueUrl " + url.get());
        }
        if (uri.getRawPath() == null || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new Unmappable("malformed QueueUrl " + url.get());
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        Matcher m = queuePath(uri.getRawPath());
        Optional<String> region = hostRegion(host);
        if (region.isEmpty() && !S3Host.isLoopback(host)) {
            throw new Unmappable("QueueUrl " + url.get() + " is not on an SQS host");
        }
        if (region.isPresent() && !region.get().equals(env.region())) {
            throw new Unmappable("the queue is in " + region.get() + " but the call is signed for " + env.region());
        }
        if (region.isPresent() && uri.getPort() != -1 && uri.getPort() != 443) {
            throw new Unmappable("QueueUrl " + url.get() + " names a port SQS does not serve");
        }
        if (fromPath.isPresent() && !(fromPath.get().group(1).equals(m.group(1))
                && fromPath.get().group(2).equals(m.group(2)))) {
            throw new Unmappable("the QueueUrl " + url.get() + " names another queue than the request path "
                    + requestPath);
        }
        return env.arn("sqs", m.group(1), m.group(2));
    }

    private static Matcher queuePath(String path) throws Unmappable {
        Matcher m = QUEUE_PATH.matcher(path);
        if (!m.matches() || !QUEUE_NAME.matcher(m.group(2)).matches()) {
            throw new Unmappable("queue URL path " + path + " is not /ACCOUNT/QUEUE");
        }
        return m;
    }

    private static Optional<String> hostRegion(String host) {
        Matcher m = SQS_HOST.matcher(host);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        m = LEGACY_HOST.matcher(host);
        if (m.matches()) {
            return Optional.of(m.group(1));
        }
        if (host.equals("queue.amazonaws.com") || host.equals("sqs.amazonaws.com")) {
            return Optional.of("us-east-1");
        }
        return Optional.empty();
    }
}
