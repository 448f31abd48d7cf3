package dev.airlock.callmap;

import com.fasterxml.jackson.databind.JsonNode;
import dev.airlock.policy.match.Arn;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * DynamoDB: {@code TableName} (a name or a table ARN) is the table; {@code IndexName} on Query and
 * Scan makes the resource the index; batch and transaction calls become one part per table and
 * item action. PartiQL statements are not parsed, so those calls are refused.
 */
final class DynamoDbMapper implements ServiceMapper {

    private static final Pattern TABLE = Pattern.compile("[a-zA-Z0-9_.-]{1,1024}");
    private static final Set<String> PARTIQL = Set.of("ExecuteStatement", "BatchExecuteStatement",
            "ExecuteTransaction");
    private static final Map<String, String> TRANSACT_WRITE = Map.of("Put", "dynamodb:PutItem", "Update",
            "dynamodb:UpdateItem", "Delete", "dynamodb:DeleteItem", "ConditionCheck", "dynamodb:ConditionCheckItem");
    /** Keys that depend on the table's key schema or on parsing expressions. */
    private static final List<String> UNDETERMINED = List.of("dynamodb:LeadingKeys", "dynamodb:Attributes");
    private static final List<String> HANDLED = List.of("dynamodb:Select", "dynamodb:ReturnValues",
            "dynamodb:ReturnConsumedCapacity", "dynamodb:EnclosingOperation", "aws:RequestTag/${TagKey}",
            "aws:TagKeys");

    @Override
    public Set<String> actions() {
        return Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:ConditionCheckItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:Query",
                "dynamodb:Scan", "dynamodb:DescribeTable", "dynamodb:DescribeStream", "dynamodb:GetShardIterator");
    }

    @Override
    public Optional<List<PartDraft>> map(Call call, Env env) throws Unmappable {
        String op = call.operation();
        Args.Json args = json(call);
        if (call.targetPrefix().equals("DynamoDBStreams_20120810")) {
            return streams(op, args, env);
        }
        if (PARTIQL.contains(op)) {
            throw new Unmappable("DynamoDB PartiQL calls (" + op + ") are not supported");
        }
        List<PartDraft> parts = new ArrayList<>();
        switch (op) {
            case "BatchGetItem", "BatchWriteItem" -> {
                JsonNode items = args.root().get("RequestItems");
                if (items == null || !items.isObject() || items.size() == 0) {
                    throw new Unmappable(op + " without RequestItems");
                }
                Iterator<String> tables = items.fieldNames();
                while (tables.hasNext()) {
                    PartDraft d = PartDraft.of("dynamodb:" + op, table(tables.next(), env));
                    common(d, args);
                    parts.add(d);
                }
            }
            case "TransactGetItems", "TransactWriteItems" -> {
                JsonNode items = args.root().get("TransactItems");
                if (items == null || !items.isArray() || items.size() == 0) {
                    throw new Unmappable(op + " without TransactItems");
                }
                for (JsonNode item : items) {
                    if (!item.isObject() || item.size() != 1) {
                        throw new Unmappable(op + " item is not one action");
                    }
                    String kind = item.fieldNames().next();
                    String action = op.equals("TransactGetItems")
                            ? (kind.equals("Get") ? "dynamodb:GetItem" : null) : TRANSACT_WRITE.get(kind);
                    if (action == null) {
                        throw new Unmappable(op + " item of unknown kind " + kind);
                    }
                    JsonNode body = item.get(kind);
                    String name = Args.Json.text(body, "TableName")
                            .orElseThrow(() -> new Unmappable(op + " item without TableName"));
                    PartDraft d = PartDraft.of(action, table(name, env));
                    common(d, args);
                    d.key("dynamodb:EnclosingOperation", op);
                    parts.add(d);
                }
            }
            default -> {
                Optional<String> tableName = args.str("TableName");
                Optional<String> resourceArn = args.str("ResourceArn");
                if (tableName.isEmpty() && resourceArn.isEmpty()) {
                    return Optional.empty();
                }
                String resource;
                if (tableName.isPresent()) {
                    resource = table(tableName.get(), env);
                    Optional<String> index = args.str("IndexName");
                    if (index.isPresent() && (op.equals("Query") || op.equals("Scan"))) {
                        if (!TABLE.matcher(index.get()).matches()) {
                            throw new Unmappable("malformed IndexName " + index.get());
                        }
                        resource = resource + "/index/" + index.get();
                    }
                } else {
                    Arn arn = Arns.require(resourceArn.get(), "dynamodb", "ResourceArn");
                    Arns.samePartition(arn, env);
                    resource = resourceArn.get();
                }
                PartDraft d = PartDraft.of("dynamodb:" + op, resource);
                common(d, args);
                RpcMapper.requestTags(d, args, "Tags", "Key", "Value");
                parts.add(d);
            }
        }
        return Optional.of(parts);
    }

    private static Optional<List<PartDraft>> streams(String op, Args.Json args, Env env) throws Unmappable {
        Optional<String> stream = args.str("StreamArn");
        if (op.equals("GetRecords")) {
            throw new Unmappable("DynamoDB Streams GetRecords names its stream only inside an opaque shard iterator");
        }
        if (stream.isEmpty()) {
            return Optional.empty();
        }
        Arn arn = Arns.require(stream.get(), "dynamodb", "StreamArn");
        Arns.samePartition(arn, env);
        return Optional.of(List.of(PartDraft.of("dynamodb:" + op, stream.get()).handles(HANDLED)));
    }

    private static void common(PartDraft d, Args.Json args) throws Unmappable {
        d.handles(HANDLED);
        for (String k : UNDETERMINED) {
            d.undetermined(k);
        }
        for (String member : List.of("Select", "ReturnValues", "ReturnConsumedCapacity")) {
            Optional<String> v = args.str(member);
            if (v.isPresent()) {
                d.key("dynamodb:" + member, v.get());
            }
        }
    }

    /** The table ARN for a {@code TableName}, which may itself be a table ARN. */
    private static String table(String name, Env env) throws Unmappable {
        if (name.startsWith("arn:")) {
            Arn arn = Arns.require(name, "dynamodb", "TableName");
            Arns.samePartition(arn, env);
            if (!arn.resource().startsWith("table/") || arn.resource().indexOf('/', 6) >= 0) {
                throw new Unmappable("TableName " + name + " is not a table ARN");
            }
            return name;
        }
        if (!TABLE.matcher(name).matches()) {
            throw new Unmappable("malformed TableName " + name);
        }
        return env.arn("dynamodb", env.account(), "table/" + name);
    }

    private static Args.Json json(Call call) throws Unmappable {
        if (!(call.args() instanceof Args.Json j)) {
            throw new Unmappable("DynamoDB calls use the JSON protocol");
        }
        return j;
    }
}
