package dev.airlock.callmap;

import static dev.airlock.callmap.Calls.json;
import static dev.airlock.callmap.Calls.parts;
import static dev.airlock.callmap.Calls.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallMapping.Mapped;
import dev.airlock.callmap.IamRequestPart.ResourceCertainty;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** AWS JSON and AWS Query calls, generic and per service. */
class RpcMappingTest {

    static final String A = Calls.ACCOUNT;

    @Nested
    class Sts {
        @Test
        void getCallerIdentityAsForm() {
            Mapped m = query("sts", "sts.amazonaws.com", "Action=GetCallerIdentity&Version=2011-06-15").mapped();
            assertThat(m.service()).isEqualTo("sts");
            assertThat(m.operation()).isEqualTo("GetCallerIdentity");
            assertThat(parts(m)).containsExactly("sts:GetCallerIdentity *");
        }

        @Test
        void getCallerIdentityAsGetQuery() {
            Mapped m = new Calls.Req("sts", "sts.us-east-1.amazonaws.com")
                    .query("Action=GetCallerIdentity&Version=2011-06-15").mapped();
            assertThat(parts(m)).containsExactly("sts:GetCallerIdentity *");
            assertThat(Calls.MAPPER.needsBody(new Calls.Req("sts", "sts.amazonaws.com")
                    .query("Action=GetCallerIdentity&Version=2011-06-15").view())).isFalse();
        }

        @Test
        void assumeRoleIsAuthorisedOnTheRoleWithItsKeys() {
            Mapped m = query("sts", "sts.amazonaws.com", "Action=AssumeRole&Version=2011-06-15"
                    + "&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fdeploy&RoleSessionName=agent+run"
                    + "&ExternalId=x1&Tags.member.1.Key=project&Tags.member.1.Value=blue&SourceIdentity=alice")
                    .mapped();
            String role = "arn:aws:iam::444455556666:role/deploy";
            assertThat(parts(m)).containsExactly("sts:AssumeRole " + role, "sts:TagSession " + role,
                    "sts:SetSourceIdentity " + role);
            assertThat(Calls.keys(m, 0)).containsEntry("sts:RoleSessionName", List.of("agent run"))
                    .containsEntry("sts:ExternalId", List.of("x1"))
                    .containsEntry("aws:RequestTag/project", List.of("blue"))
                    .containsEntry("aws:TagKeys", List.of("project"))
                    .containsEntry("aws:ResourceAccount", List.of("444455556666"));
            assertThat(m.parts().get(0).undeterminedKeys()).contains("iam:ResourceTag/${TagKey}")
                    .doesNotContain("sts:ExternalId", "saml:sub");
        }
    }

    /** What is forwarded for a JSON or Query call: the body as parsed, written again; what parses two ways is refused. */
    @Nested
    class Forwarded {
        static final String HOST = "dynamodb.us-east-1.amazonaws.com";
        static final String TARGET = "DynamoDB_20120810.GetItem";

        private String forwardedBody(Mapped m) {
            return new String(m.outbound().body().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8);
        }

        @Test
        void jsonIsWrittenAgainFromItsParseWithNumbersAndEscapesIntact() {
            Mapped m = json("dynamodb", HOST, TARGET, "{ \"TableName\" : \"t\\u0041\", \"Limit\": 1.50e2,"
                    + " \"Big\": 123456789012345678901234567890 }").mapped();
            assertThat(forwardedBody(m)).isEqualTo("{\"TableName\":\"tA\",\"Limit\":150,"
                    + "\"Big\":123456789012345678901234567890}");
            assertThat(m.outbound().destination()).isEqualTo(new Outbound.Service(Optional.of(HOST), "/"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"TableName\":\"allowed\"}{\"TableName\":\"other\"}",
            "{\"TableName\":\"allowed\",\"TableName\":\"other\"}", "/*c*/{\"TableName\":\"allowed\"}",
            "{\"TableName\":\"allowed\"} x", "{\"TableName\":\"\\ud800\"}", "{\"TableName\":NaN}",
            "[{\"TableName\":\"allowed\"}]", "{'TableName':'allowed'}"})
        void jsonThatAnotherParserCouldReadDifferentlyIsRefused(String body) {
            assertThat(json("dynamodb", HOST, TARGET, body).unmapped()).contains("JSON");
        }

        @Test
        void jsonCallsGoToTheRootPathOnly() {
            assertThat(json("dynamodb", HOST, TARGET, "{\"TableName\":\"t\"}").path("/other").unmapped())
                    .contains("path /");
        }

        @Test
        void aQueryFormIsEncodedAgainFromItsParameters() {
            Mapped m = query("iam", "iam.amazonaws.com", "Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fa+b%2F")
                    .mapped();
            assertThat(forwardedBody(m)).isEqualTo("Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fa%20b%2F");
        }

        @Test
        void aServicePathIsRebuiltFromItsSegmentsAndDotSegmentsAreRefused() {
            Mapped m = new Calls.Req("lambda", "lambda.us-east-1.amazonaws.com")
                    .path("/2015-03-31/functions/my%2Dfn/configuration").mapped();
            assertThat(((Outbound.Service) m.outbound().destination()).path())
                    .isEqualTo("/2015-03-31/functions/my-fn/configuration");
            assertThat(new Calls.Req("lambda", "lambda.us-east-1.amazonaws.com")
                    .path("/2015-03-31/functions/x/../my-fn/configuration").unmapped()).isNotBlank();
        }

        @Test
        void anSqsQueueUrlThatDisagreesWithThePathIsRefused() {
            assertThat(query("sqs", "sqs.us-east-1.amazonaws.com", "Action=DeleteQueue&QueueUrl="
                    + "https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Fother").path("/111122223333/allowed")
                    .unmapped()).contains("another queue");
            assertThat(parts(query("sqs", "sqs.us-east-1.amazonaws.com", "Action=DeleteQueue&QueueUrl="
                    + "https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F111122223333%2Fallowed").path("/111122223333/allowed")
                    .mapped())).containsExactly("sqs:DeleteQueue arn:aws:sqs:us-east-1:111122223333:allowed");
            assertThat(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.DeleteQueue",
                    "{\"QueueUrl\":\"https://sqs.us-east-1.amazonaws.com@attacker.example/111122223333/allowed\"}")
                    .unmapped()).isNotBlank();
        }
    }

    @Nested
    class Generic {
        @Test
        void jsonActionWithoutResourceTypesMapsToStar() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.ListTables", "{}")
                    .mapped();
            assertThat(parts(m)).containsExactly("dynamodb:ListTables *");
        }

        @Test
        void queryActionOfAnUnmodelledServiceWithoutResourceTypes() {
            Mapped m = query("iam", "iam.amazonaws.com", "Action=ListRoles&Version=2010-05-08").mapped();
            assertThat(parts(m)).containsExactly("iam:ListRoles *");
        }

        @Test
        void jsonOfAnUnmodelledServiceWithoutResourceTypes() {
            Mapped m = json("logs", "logs.us-east-1.amazonaws.com", "Logs_20140328.DescribeLogGroups", "{}")
                    .mapped();
            assertThat(parts(m)).containsExactly("logs:DescribeLogGroups *");
        }

        @Test
        void signingNameIsTranslatedToTheIamPrefix() {
            Mapped m = query("email", "email.us-east-1.amazonaws.com",
                    "Action=GetSendQuota&Version=2010-12-01").mapped();
            assertThat(parts(m)).containsExactly("ses:GetSendQuota *");
            // ses:ApiVersion is a request key this mapper does not model for SES.
            assertThat(m.parts().get(0).undeterminedKeys()).contains("ses:ApiVersion");
        }

        @Test
        void actionsWhoseOnlyResourceTypesAreOptionalAreStillRefused() {
            // cloudwatch:ListMetrics lists an optional "dataset" resource type: which resource IAM
            // evaluates is not something to guess.
            assertThat(query("monitoring", "monitoring.us-east-1.amazonaws.com",
                    "Action=ListMetrics&Version=2010-08-01").unmapped()).contains("cloudwatch:ListMetrics");
        }

        @Test
        void anUnmodelledActionOnAResourceIsRefusedNotGuessed() {
            assertThat(query("iam", "iam.amazonaws.com", "Action=DeleteRole&RoleName=admin&Version=2010-05-08")
                    .unmapped()).contains("iam:DeleteRole").contains("does not say which");
            assertThat(json("logs", "logs.us-east-1.amazonaws.com", "Logs_20140328.DeleteLogGroup",
                    "{\"logGroupName\":\"g\"}").unmapped()).contains("logs:DeleteLogGroup");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "dynamodb | DynamoDB_20120810.NoSuchOperation | {}",
            "dynamodb | AmazonSQS.ListQueues              | {}",
            "dynamodb | DynamoDB_20120810                 | {}",
            "dynamodb | DynamoDB_20120810.ListTables      | []",
            "dynamodb | DynamoDB_20120810.ListTables      | {\"a\":1,\"a\":2}",
            "dynamodb | DynamoDB_20120810.ListTables      | {not json",
            "nosuchservice | Foo.Bar                      | {}",
            "dynamodb | DynamoDB_20120810.GetItem         | {\"TableName\":42}"})
        void unknownTargetsAndMalformedBodiesAreRefused(String service, String target, String body) {
            assertThat(json(service.trim(), "127.0.0.1:8443", target.trim(), body.trim()).unmapped()).isNotBlank();
        }

        @Test
        void malformedQueryCallsAreRefused() {
            assertThat(query("sts", "sts.amazonaws.com", "Action=GetCallerIdentity&Action=AssumeRole").unmapped())
                    .contains("more than once");
            assertThat(query("sts", "sts.amazonaws.com", "Version=2011-06-15").unmapped()).contains("Action");
            assertThat(query("sts", "sts.amazonaws.com", "Action=Get%ZZ").unmapped()).contains("percent");
            assertThat(query("sts", "sts.amazonaws.com", "Action=NoSuchThing").unmapped()).contains("catalog");
        }

        @Test
        void requestSignedForOneServiceButSentToAnotherIsRefused() {
            assertThat(query("sts", "iam.amazonaws.com", "Action=GetCallerIdentity").unmapped())
                    .contains("signed for sts");
        }
    }

    @Nested
    class DynamoDb {
        static final String T = "arn:aws:dynamodb:us-east-1:111122223333:table/";

        @Test
        void tableNameIsTheTable() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.GetItem",
                    "{\"TableName\":\"Orders\",\"Key\":{\"id\":{\"S\":\"1\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}")
                    .mapped();
            assertThat(parts(m)).containsExactly("dynamodb:GetItem " + T + "Orders");
            assertThat(Calls.keys(m, 0)).containsEntry("dynamodb:ReturnConsumedCapacity", List.of("TOTAL"));
            assertThat(m.parts().get(0).undeterminedKeys()).contains("dynamodb:LeadingKeys", "dynamodb:Attributes");
        }

        @Test
        void tableArnIsUsedAsIs() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.PutItem",
                    "{\"TableName\":\"arn:aws:dynamodb:us-east-1:444455556666:table/Shared\",\"Item\":{}}").mapped();
            assertThat(parts(m)).containsExactly("dynamodb:PutItem arn:aws:dynamodb:us-east-1:444455556666:table/Shared");
        }

        @Test
        void queryOnAnIndexIsTheIndex() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.Query",
                    "{\"TableName\":\"Orders\",\"IndexName\":\"byCustomer\",\"Select\":\"COUNT\"}").mapped();
            assertThat(parts(m)).containsExactly("dynamodb:Query " + T + "Orders/index/byCustomer");
            assertThat(Calls.keys(m, 0)).containsEntry("dynamodb:Select", List.of("COUNT"));
            Mapped scan = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.Scan",
                    "{\"TableName\":\"Orders\"}").mapped();
            assertThat(parts(scan)).containsExactly("dynamodb:Scan " + T + "Orders");
        }

        @Test
        void batchCallsAreOnePartPerTable() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.BatchWriteItem",
                    "{\"RequestItems\":{\"A\":[{\"PutRequest\":{\"Item\":{}}}],\"B\":[{\"DeleteRequest\":{\"Key\":{}}}]}}")
                    .mapped();
            assertThat(parts(m)).containsExactly("dynamodb:BatchWriteItem " + T + "A",
                    "dynamodb:BatchWriteItem " + T + "B");
            Mapped g = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.BatchGetItem",
                    "{\"RequestItems\":{\"A\":{\"Keys\":[]}}}").mapped();
            assertThat(parts(g)).containsExactly("dynamodb:BatchGetItem " + T + "A");
        }

        @Test
        void transactionsArePerItemAction() {
            Mapped m = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.TransactWriteItems",
                    "{\"TransactItems\":[{\"Put\":{\"TableName\":\"A\",\"Item\":{}}},"
                            + "{\"Update\":{\"TableName\":\"B\",\"Key\":{}}},{\"Delete\":{\"TableName\":\"A\",\"Key\":{}}},"
                            + "{\"ConditionCheck\":{\"TableName\":\"C\",\"Key\":{}}}]}").mapped();
            assertThat(parts(m)).containsExactly("dynamodb:PutItem " + T + "A", "dynamodb:UpdateItem " + T + "B",
                    "dynamodb:DeleteItem " + T + "A", "dynamodb:ConditionCheckItem " + T + "C");
            assertThat(Calls.keys(m, 0)).containsEntry("dynamodb:EnclosingOperation", List.of("TransactWriteItems"));
            Mapped g = json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.TransactGetItems",
                    "{\"TransactItems\":[{\"Get\":{\"TableName\":\"A\",\"Key\":{}}}]}").mapped();
            assertThat(parts(g)).containsExactly("dynamodb:GetItem " + T + "A");
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"TransactItems\":[{\"Explode\":{\"TableName\":\"A\"}}]}",
            "{\"TransactItems\":[{\"Put\":{}}]}", "{\"TransactItems\":[]}",
            "{\"TransactItems\":[{\"Put\":{\"TableName\":\"A\"},\"Delete\":{\"TableName\":\"B\"}}]}"})
        void malformedTransactionsAreRefused(String body) {
            assertThat(json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.TransactWriteItems",
                    body).unmapped()).isNotBlank();
        }

        @Test
        void partiqlAndStreamsRecordsAreRefused() {
            assertThat(json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.ExecuteStatement",
                    "{\"Statement\":\"SELECT * FROM t\"}").unmapped()).contains("PartiQL");
            assertThat(json("dynamodb", "streams.dynamodb.us-east-1.amazonaws.com",
                    "DynamoDBStreams_20120810.GetRecords", "{\"ShardIterator\":\"x\"}").unmapped()).contains("opaque");
        }

        @Test
        void badTableNamesAreRefused() {
            assertThat(json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.GetItem",
                    "{\"TableName\":\"a/b\"}").unmapped()).contains("TableName");
            assertThat(json("dynamodb", "dynamodb.us-east-1.amazonaws.com", "DynamoDB_20120810.GetItem",
                    "{\"TableName\":\"arn:aws:s3:::b\"}").unmapped()).contains("dynamodb ARN");
        }
    }

    @Nested
    class Sqs {
        static final String Q = "arn:aws:sqs:us-east-1:111122223333:jobs";
        static final String URL = "https://sqs.us-east-1.amazonaws.com/111122223333/jobs";

        @Test
        void jsonProtocolQueueUrl() {
            Mapped m = json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.SendMessage",
                    "{\"QueueUrl\":\"" + URL + "\",\"MessageBody\":\"hi\"}").mapped();
            assertThat(parts(m)).containsExactly("sqs:SendMessage " + Q);
        }

        @Test
        void batchActionsAreTheirSingleMessageActions() {
            Mapped m = json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.SendMessageBatch",
                    "{\"QueueUrl\":\"" + URL + "\",\"Entries\":[]}").mapped();
            assertThat(parts(m)).containsExactly("sqs:SendMessage " + Q);
            assertThat(m.operation()).isEqualTo("SendMessageBatch");
            assertThat(parts(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.DeleteMessageBatch",
                    "{\"QueueUrl\":\"" + URL + "\",\"Entries\":[]}").mapped())).containsExactly("sqs:DeleteMessage " + Q);
        }

        @Test
        void legacyQueryProtocolWithQueueUrlOrPath() {
            Mapped m = query("sqs", "sqs.us-east-1.amazonaws.com", "Action=ReceiveMessage&QueueUrl="
                    + "https%3A%2F%2Fsqs.us-east-1.amazonaws.com%2F444455556666%2Fother&Version=2012-11-05").mapped();
            assertThat(parts(m)).containsExactly("sqs:ReceiveMessage arn:aws:sqs:us-east-1:444455556666:other");
            Mapped p = query("sqs", "sqs.us-east-1.amazonaws.com", "Action=DeleteQueue&Version=2012-11-05")
                    .path("/111122223333/jobs").mapped();
            assertThat(parts(p)).containsExactly("sqs:DeleteQueue " + Q);
        }

        @Test
        void createQueueByNameWithTags() {
            Mapped m = json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.CreateQueue",
                    "{\"QueueName\":\"jobs\",\"tags\":{\"team\":\"a\"}}").mapped();
            assertThat(parts(m)).containsExactly("sqs:CreateQueue " + Q, "sqs:TagQueue " + Q);
            assertThat(Calls.keys(m, 0)).containsEntry("aws:RequestTag/team", List.of("a"));
            Mapped q = query("sqs", "sqs.us-east-1.amazonaws.com", "Action=CreateQueue&QueueName=jobs.fifo"
                    + "&Tag.1.Key=team&Tag.1.Value=b").mapped();
            assertThat(parts(q)).containsExactly("sqs:CreateQueue " + Q + ".fifo", "sqs:TagQueue " + Q + ".fifo");
        }

        @Test
        void listQueuesAndGetQueueUrl() {
            assertThat(parts(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.ListQueues", "{}").mapped()))
                    .containsExactly("sqs:ListQueues *");
            assertThat(parts(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.GetQueueUrl",
                    "{\"QueueName\":\"jobs\",\"QueueOwnerAWSAccountId\":\"444455556666\"}").mapped()))
                    .containsExactly("sqs:GetQueueUrl arn:aws:sqs:us-east-1:444455556666:jobs");
        }

        @ParameterizedTest
        @ValueSource(strings = {"https://sqs.eu-west-1.amazonaws.com/111122223333/jobs",
            "https://sqs.us-east-1.amazonaws.com/jobs", "https://sqs.us-east-1.amazonaws.com/111122223333/a/b",
            "not a url", "https://sqs.us-east-1.amazonaws.com/111122223333/jobs?x=1"})
        void badQueueUrlsAreRefused(String url) {
            assertThat(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.SendMessage",
                    "{\"QueueUrl\":\"" + url + "\"}").unmapped()).isNotBlank();
        }

        @Test
        void customEndpointQueueUrl() {
            assertThat(parts(json("sqs", "127.0.0.1:8443", "AmazonSQS.PurgeQueue",
                    "{\"QueueUrl\":\"http://127.0.0.1:8443/111122223333/jobs\"}").mapped()))
                    .containsExactly("sqs:PurgeQueue " + Q);
        }

        @Test
        void messageMoveTasksAreRefused() {
            assertThat(json("sqs", "sqs.us-east-1.amazonaws.com", "AmazonSQS.StartMessageMoveTask",
                    "{\"SourceArn\":\"" + Q + "\"}").unmapped()).contains("not supported");
        }
    }

    @Nested
    class Sns {
        static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:alerts";

        @Test
        void publishToTopicOrTarget() {
            assertThat(parts(query("sns", "sns.us-east-1.amazonaws.com", "Action=Publish&TopicArn="
                    + TOPIC.replace(":", "%3A") + "&Message=hi").mapped())).containsExactly("sns:Publish " + TOPIC);
            assertThat(parts(query("sns", "sns.us-east-1.amazonaws.com", "Action=Publish&TargetArn="
                    + TOPIC.replace(":", "%3A") + "&Message=hi").mapped())).containsExactly("sns:Publish " + TOPIC);
            assertThat(query("sns", "sns.us-east-1.amazonaws.com", "Action=Publish&PhoneNumber=%2B15555550100"
                    + "&Message=hi").unmapped()).contains("phone");
        }

        @Test
        void createTopicSubscribeAndUnsubscribe() {
            Mapped c = query("sns", "sns.us-east-1.amazonaws.com", "Action=CreateTopic&Name=alerts"
                    + "&Tags.member.1.Key=env&Tags.member.1.Value=dev").mapped();
            assertThat(parts(c)).containsExactly("sns:CreateTopic " + TOPIC);
            assertThat(Calls.keys(c, 0)).containsEntry("aws:RequestTag/env", List.of("dev"));
            Mapped s = query("sns", "sns.us-east-1.amazonaws.com", "Action=Subscribe&TopicArn="
                    + TOPIC.replace(":", "%3A") + "&Protocol=email&Endpoint=a%40example.com").mapped();
            assertThat(Calls.keys(s, 0)).containsEntry("sns:Protocol", List.of("email"))
                    .containsEntry("sns:Endpoint", List.of("a@example.com"));
            Mapped u = query("sns", "sns.us-east-1.amazonaws.com", "Action=Unsubscribe&SubscriptionArn="
                    + (TOPIC + ":0b9c").replace(":", "%3A")).mapped();
            assertThat(parts(u)).containsExactly("sns:Unsubscribe " + TOPIC);
        }

        @Test
        void listTopicsIsStar() {
            assertThat(parts(query("sns", "sns.us-east-1.amazonaws.com", "Action=ListTopics").mapped()))
                    .containsExactly("sns:ListTopics *");
        }
    }

    @Nested
    class Ssm {
        static final String P = "arn:aws:ssm:us-east-1:111122223333:parameter/";

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "/app/db/password | app/db/password",
            "plain            | plain",
            "/app/db:3        | app/db",
            "plain:live       | plain"})
        void getParameterNames(String name, String resource) {
            assertThat(parts(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.GetParameter",
                    "{\"Name\":\"" + name.trim() + "\",\"WithDecryption\":true}").mapped()))
                    .containsExactly("ssm:GetParameter " + P + resource.trim());
        }

        @Test
        void parameterArnAndGetParameters() {
            assertThat(parts(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.GetParameters",
                    "{\"Names\":[\"/a\",\"arn:aws:ssm:us-east-1:444455556666:parameter/shared/x\"]}").mapped()))
                    .containsExactly("ssm:GetParameters " + P + "a",
                            "ssm:GetParameters arn:aws:ssm:us-east-1:444455556666:parameter/shared/x");
        }

        @Test
        void getParametersByPathIsAuthorisedOnThePath() {
            Mapped m = json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.GetParametersByPath",
                    "{\"Path\":\"/app/prod\",\"Recursive\":true}").mapped();
            assertThat(parts(m)).containsExactly("ssm:GetParametersByPath " + P + "app/prod");
            assertThat(Calls.keys(m, 0)).containsEntry("ssm:Recursive", List.of("true"));
        }

        @Test
        void putAndDeleteParameter() {
            Mapped m = json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.PutParameter",
                    "{\"Name\":\"/a/b\",\"Value\":\"v\",\"Overwrite\":true,\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}")
                    .mapped();
            assertThat(parts(m)).containsExactly("ssm:PutParameter " + P + "a/b", "ssm:AddTagsToResource " + P + "a/b");
            assertThat(Calls.keys(m, 0)).containsEntry("ssm:Overwrite", List.of("true"))
                    .containsEntry("aws:RequestTag/k", List.of("v"));
            assertThat(parts(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.DeleteParameter",
                    "{\"Name\":\"/a/b\"}").mapped())).containsExactly("ssm:DeleteParameter " + P + "a/b");
        }

        @Test
        void describeIsStarAndOtherSsmResourcesAreRefused() {
            assertThat(parts(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.DescribeParameters", "{}")
                    .mapped())).containsExactly("ssm:DescribeParameters *");
            assertThat(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.SendCommand",
                    "{\"DocumentName\":\"AWS-RunShellScript\"}").unmapped()).contains("ssm:SendCommand");
            assertThat(json("ssm", "ssm.us-east-1.amazonaws.com", "AmazonSSM.GetParameter",
                    "{\"Name\":\"bad name!\"}").unmapped()).contains("malformed");
        }
    }

    @Nested
    class SecretsManager {
        static final String S = "arn:aws:secretsmanager:us-east-1:111122223333:secret:";

        @Test
        void fullArnIsExact() {
            Mapped m = json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.GetSecretValue", "{\"SecretId\":\"" + S + "db-AbCdEf\",\"VersionStage\":\"AWSCURRENT\"}")
                    .mapped();
            assertThat(parts(m)).containsExactly("secretsmanager:GetSecretValue " + S + "db-AbCdEf");
            assertThat(m.parts().get(0).certainty()).isEqualTo(ResourceCertainty.EXACT);
            assertThat(Calls.keys(m, 0)).containsEntry("secretsmanager:SecretId", List.of(S + "db-AbCdEf"))
                    .containsEntry("secretsmanager:VersionStage", List.of("AWSCURRENT"));
        }

        @Test
        void nameGetsAWildcardSuffix() {
            Mapped m = json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.GetSecretValue", "{\"SecretId\":\"prod/db\"}").mapped();
            assertThat(parts(m)).containsExactly("secretsmanager:GetSecretValue " + S + "prod/db-??????");
            assertThat(m.parts().get(0).certainty()).isEqualTo(ResourceCertainty.UNKNOWN_SUFFIX);
        }

        @Test
        void resolverSuppliesTheFullArn() {
            CallMapper mapper = CallMapper.builder().resolver(new ResourceResolver() {
                @Override
                public Optional<String> kmsKeyForAlias(String aliasArn) {
                    return Optional.empty();
                }

                @Override
                public Optional<String> secretArn(String region, String account, String name) {
                    return Optional.of(S + name + "-Q1w2E3");
                }
            }).build();
            HttpRequestView v = json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.DescribeSecret", "{\"SecretId\":\"prod/db\"}").view();
            Mapped m = (Mapped) mapper.map(v, Calls.context());
            assertThat(parts(m)).containsExactly("secretsmanager:DescribeSecret " + S + "prod/db-Q1w2E3");
            assertThat(m.parts().get(0).certainty()).isEqualTo(ResourceCertainty.EXACT);
        }

        @Test
        void batchGetNamesEverySecret() {
            Mapped m = json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.BatchGetSecretValue", "{\"SecretIdList\":[\"a\",\"" + S + "b-123456\"]}").mapped();
            assertThat(parts(m)).containsExactly("secretsmanager:BatchGetSecretValue *",
                    "secretsmanager:GetSecretValue " + S + "a-??????", "secretsmanager:GetSecretValue " + S + "b-123456");
            assertThat(json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.BatchGetSecretValue", "{\"Filters\":[{\"Key\":\"name\",\"Values\":[\"x\"]}]}")
                    .unmapped()).contains("Filters");
        }

        @Test
        void createSecretWithTags() {
            Mapped m = json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com", "secretsmanager.CreateSecret",
                    "{\"Name\":\"new\",\"SecretString\":\"x\",\"Tags\":[{\"Key\":\"o\",\"Value\":\"me\"}]}").mapped();
            assertThat(parts(m)).containsExactly("secretsmanager:CreateSecret " + S + "new-??????",
                    "secretsmanager:TagResource " + S + "new-??????");
            assertThat(Calls.keys(m, 0)).containsEntry("secretsmanager:Name", List.of("new"))
                    .containsEntry("aws:RequestTag/o", List.of("me"));
        }

        @Test
        void listSecretsIsStar() {
            assertThat(parts(json("secretsmanager", "secretsmanager.us-east-1.amazonaws.com",
                    "secretsmanager.ListSecrets", "{}").mapped())).containsExactly("secretsmanager:ListSecrets *");
        }
    }

    @Nested
    class Kms {
        static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
        static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/" + KEY_ID;

        CallMapper withAliases() {
            return CallMapper.builder().resolver(new ResourceResolver() {
                @Override
                public Optional<String> kmsKeyForAlias(String aliasArn) {
                    return aliasArn.endsWith(":alias/app") ? Optional.of(KEY) : Optional.empty();
                }

                @Override
                public Optional<String> secretArn(String region, String account, String name) {
                    return Optional.empty();
                }
            }).build();
        }

        @Test
        void keyIdAndKeyArn() {
            Mapped m = json("kms", "kms.us-east-1.amazonaws.com", "TrentService.Encrypt",
                    "{\"KeyId\":\"" + KEY_ID + "\",\"Plaintext\":\"eA==\",\"EncryptionContext\":{\"app\":\"x\"}}").mapped();
            assertThat(parts(m)).containsExactly("kms:Encrypt " + KEY);
            assertThat(Calls.keys(m, 0)).containsEntry("kms:EncryptionContext:app", List.of("x"))
                    .containsEntry("kms:EncryptionContextKeys", List.of("app"))
                    .containsEntry("kms:CallerAccount", List.of(A));
            assertThat(parts(json("kms", "kms.us-east-1.amazonaws.com", "TrentService.DescribeKey",
                    "{\"KeyId\":\"" + KEY + "\"}").mapped())).containsExactly("kms:DescribeKey " + KEY);
        }

        @Test
        void decryptWithKeyIdAndAlgorithm() {
            Mapped m = json("kms", "kms.us-east-1.amazonaws.com", "TrentService.Decrypt",
                    "{\"KeyId\":\"" + KEY + "\",\"CiphertextBlob\":\"AA==\",\"EncryptionAlgorithm\":\"SYMMETRIC_DEFAULT\"}")
                    .mapped();
            assertThat(parts(m)).containsExactly("kms:Decrypt " + KEY);
            assertThat(Calls.keys(m, 0)).containsEntry("kms:EncryptionAlgorithm", List.of("SYMMETRIC_DEFAULT"));
        }

        @Test
        void decryptWithoutKeyIdIsRefusedBecauseIamEvaluatesTheKey() {
            assertThat(json("kms", "kms.us-east-1.amazonaws.com", "TrentService.Decrypt",
                    "{\"CiphertextBlob\":\"AA==\"}").unmapped()).contains("KeyId");
        }

        @Test
        void aliasesAreResolvedToTheirKeyOrRefused() {
            String body = "{\"KeyId\":\"alias/app\",\"KeySpec\":\"AES_256\"}";
            assertThat(json("kms", "kms.us-east-1.amazonaws.com", "TrentService.GenerateDataKey", body).unmapped())
                    .contains("alias/app");
            HttpRequestView v = json("kms", "kms.us-east-1.amazonaws.com", "TrentService.GenerateDataKey", body).view();
            Mapped m = (Mapped) withAliases().map(v, Calls.context());
            assertThat(parts(m)).containsExactly("kms:GenerateDataKey " + KEY);
            assertThat(Calls.keys(m, 0)).containsEntry("kms:RequestAlias", List.of("alias/app"));
        }

        @Test
        void createAliasNeedsTheAliasAndTheKey() {
            Mapped m = json("kms", "kms.us-east-1.amazonaws.com", "TrentService.CreateAlias",
                    "{\"AliasName\":\"alias/new\",\"TargetKeyId\":\"" + KEY_ID + "\"}").mapped();
            assertThat(parts(m)).containsExactly("kms:CreateAlias arn:aws:kms:us-east-1:111122223333:alias/new",
                    "kms:CreateAlias " + KEY);
        }

        @Test
        void reEncryptNeedsBothKeys() {
            String other = "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef";
            Mapped m = json("kms", "kms.us-east-1.amazonaws.com", "TrentService.ReEncrypt",
                    "{\"CiphertextBlob\":\"AA==\",\"SourceKeyId\":\"" + KEY + "\",\"DestinationKeyId\":\"" + other + "\"}")
                    .mapped();
            assertThat(parts(m)).containsExactly("kms:ReEncryptFrom " + KEY, "kms:ReEncryptTo " + other);
            assertThat(Calls.keys(m, 0)).containsEntry("kms:ReEncryptOnSameKey", List.of("false"));
        }

        @Test
        void listKeysIsStarAndMalformedKeyIdsAreRefused() {
            assertThat(parts(json("kms", "kms.us-east-1.amazonaws.com", "TrentService.ListKeys", "{}").mapped()))
                    .containsExactly("kms:ListKeys *");
            assertThat(json("kms", "kms.us-east-1.amazonaws.com", "TrentService.Encrypt",
                    "{\"KeyId\":\"not-a-key\"}").unmapped()).contains("malformed");
        }
    }

    @Nested
    class Ec2 {
        @Test
        void instanceStateChangesAreOnePartPerInstance() {
            Mapped m = query("ec2", "ec2.us-east-1.amazonaws.com", "Action=StopInstances&Version=2016-11-15"
                    + "&InstanceId.1=i-0123456789abcdef0&InstanceId.2=i-1234abcd").mapped();
            assertThat(parts(m)).containsExactly(
                    "ec2:StopInstances arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0",
                    "ec2:StopInstances arn:aws:ec2:us-east-1:111122223333:instance/i-1234abcd");
            assertThat(Calls.keys(m, 0)).containsEntry("ec2:Region", List.of("us-east-1"))
                    .containsEntry("ec2:InstanceID", List.of("i-0123456789abcdef0"));
            for (String op : List.of("StartInstances", "TerminateInstances", "RebootInstances")) {
                assertThat(parts(query("ec2", "ec2.us-east-1.amazonaws.com", "Action=" + op
                        + "&InstanceId.1=i-1234abcd").mapped())).containsExactly("ec2:" + op
                        + " arn:aws:ec2:us-east-1:111122223333:instance/i-1234abcd");
            }
        }

        @Test
        void describeInstancesIsStar() {
            Mapped m = query("ec2", "ec2.us-east-1.amazonaws.com", "Action=DescribeInstances&Version=2016-11-15"
                    + "&InstanceId.1=i-1234abcd").mapped();
            assertThat(parts(m)).containsExactly("ec2:DescribeInstances *");
        }

        @Test
        void gapsAndBadIdsAreRefused() {
            assertThat(query("ec2", "ec2.us-east-1.amazonaws.com", "Action=StopInstances&InstanceId.1=i-1234abcd"
                    + "&InstanceId.3=i-2234abcd").unmapped()).contains("numbered");
            assertThat(query("ec2", "ec2.us-east-1.amazonaws.com", "Action=StopInstances&InstanceId.1=vol-1")
                    .unmapped()).contains("instance id");
            assertThat(query("ec2", "ec2.us-east-1.amazonaws.com", "Action=StopInstances").unmapped())
                    .contains("InstanceId");
            assertThat(query("ec2", "ec2.us-east-1.amazonaws.com", "Action=RunInstances&ImageId=ami-1").unmapped())
                    .contains("ec2:RunInstances");
        }
    }
}
