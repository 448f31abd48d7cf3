package dev.airlock.callmap;

import dev.airlock.policy.match.Arn;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SNS (Query protocol): the topic is {@code TopicArn}, {@code TargetArn} (Publish), the topic of a
 * {@code SubscriptionArn}, {@code ResourceArn} (tagging), or {@code Name} (CreateTopic). Publishing
 * to a phone number is refused: the action is then not evaluated on a topic.
 */
final class SnsMapper implements ServiceMapper {

    private static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,256}(?:\\.fifo)?");
    private static final Set<String> BY_SUBSCRIPTION = Set.of("Unsubscribe", "GetSubscriptionAttributes",
            "SetSubscriptionAttributes");

    @Override
    public Set<String> actions() {
        return Set.of("sns:Publish", "sns:CreateTopic", "sns:Subscribe", "sns:Unsubscribe");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        Args args = call.args();
        String action = "sns:" + (op.equals("PublishBatch") ? "Publish" : op);
        String topic;
        if (op.equals("CreateTopic")) {
            String name = args.str("Name").orElseThrow(() -> new Unmappable("CreateTopic without Name"));
            if (!TOPIC_NAME.matcher(name).matches()) {
                throw new Unmappable("malformed topic name " + name);
            }
            topic = env.arn("sns", env.account(), name);
        } else if (op.equals("Publish")) {
            if (args.has("PhoneNumber")) {
                throw new Unmappable("publishing to a phone number is not supported");
            }
            Optional<String> t = args.str("TopicArn");
            if (t.isEmpty()) {
                t = args.str("TargetArn");
            }
            topic = t.orElseThrow(() -> new Unmappable("Publish names no topic"));
        } else if (BY_SUBSCRIPTION.contains(op)) {
            String sub = args.str("SubscriptionArn").orElseThrow(() -> new Unmappable(op + " without SubscriptionArn"));
            Arn arn = Arns.require(sub, "sns", "SubscriptionArn");
            int colon = arn.resource().lastIndexOf(':');
            if (colon <= 0) {
                throw new Unmappable("SubscriptionArn " + sub + " names no topic");
            }
            topic = sub.substring(0, sub.length() - (arn.resource().length() - colon));
        } else if (args.has("TopicArn")) {
            topic = args.str("TopicArn").orElseThrow();
        } else if (args.has("ResourceArn")) {
            topic = args.str("ResourceArn").orElseThrow();
        } else {
            return Optional.empty();
        }
        Arn arn = Arns.require(topic, "sns", "topic");
        Arns.samePartition(arn, env);
        PartDraft d = PartDraft.of(action, topic);
        if (op.equals("CreateTopic") || op.equals("TagResource")) {
            RpcMapper.tagKeys(d, args.pairs("Tags", "Key", "Value"));
        } else if (op.equals("UntagResource")) {
            d.key("aws:TagKeys", args.strings("TagKeys"));
            d.handles("aws:TagKeys");
        }
        if (op.equals("Subscribe")) {
            d.handles("sns:Protocol", "sns:Endpoint");
            Optional<String> protocol = args.str("Protocol");
            Optional<String> endpoint = args.str("Endpoint");
            if (protocol.isPresent()) {
                d.key("sns:Protocol", protocol.get());
            }
            if (endpoint.isPresent()) {
                d.key("sns:Endpoint", endpoint.get());
            }
        }
        return Optional.of(List.of(d));
    }
}
