package dev.airlock.callmap;

import static dev.airlock.callmap.Calls.parts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airlock.callmap.CallMapping.Mapped;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Lambda's REST-JSON function API. */
class LambdaMappingTest {

    static final String HOST = "lambda.us-east-1.amazonaws.com";
    static final String FN = "arn:aws:lambda:us-east-1:111122223333:function:";

    static Calls.Req lambda(String method, String path, String query) {
        return new Calls.Req("lambda", HOST).method(method).path(path).query(query);
    }

    @ParameterizedTest(name = "{0} {1}?{2}")
    @CsvSource(delimiter = '|', value = {
        "POST   | /2015-03-31/functions/my-fn/invocations                 |                 | Invoke                   | lambda:InvokeFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "POST   | /2015-03-31/functions/my-fn%3Aprod/invocations          |                 | Invoke                   | lambda:InvokeFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn:prod",
        "POST   | /2015-03-31/functions/my-fn/invocations                 | Qualifier=7     | Invoke                   | lambda:InvokeFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn:7",
        "POST   | /2015-03-31/functions/444455556666%3Afunction%3Ax/invocations |           | Invoke                   | lambda:InvokeFunction arn:aws:lambda:us-east-1:444455556666:function:x",
        "POST   | /2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-west-2%3A444455556666%3Afunction%3Ax%3A%24LATEST/invocations | | Invoke | lambda:InvokeFunction arn:aws:lambda:us-west-2:444455556666:function:x:$LATEST",
        "GET    | /2015-03-31/functions/my-fn                             |                 | GetFunction              | lambda:GetFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2015-03-31/functions/my-fn/configuration               |                 | GetFunctionConfiguration | lambda:GetFunctionConfiguration arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "DELETE | /2015-03-31/functions/my-fn                             |                 | DeleteFunction           | lambda:DeleteFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "PUT    | /2015-03-31/functions/my-fn/code                        |                 | UpdateFunctionCode       | lambda:UpdateFunctionCode arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2015-03-31/functions/my-fn/policy                      |                 | GetPolicy                | lambda:GetPolicy arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "DELETE | /2015-03-31/functions/my-fn/policy/sid-1                |                 | RemovePermission         | lambda:RemovePermission arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2015-03-31/functions/my-fn/versions                    | MaxItems=5      | ListVersionsByFunction   | lambda:ListVersionsByFunction arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "POST   | /2015-03-31/functions/my-fn/versions                    |                 | PublishVersion           | lambda:PublishVersion arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2015-03-31/functions/my-fn/aliases/live                |                 | GetAlias                 | lambda:GetAlias arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2019-09-30/functions/my-fn/concurrency                 |                 | GetFunctionConcurrency   | lambda:GetFunctionConcurrency arn:aws:lambda:us-east-1:111122223333:function:my-fn",
        "GET    | /2015-03-31/functions/                                  | MaxItems=50     | ListFunctions            | lambda:ListFunctions *",
        "GET    | /2016-08-19/account-settings/                           |                 | GetAccountSettings       | lambda:GetAccountSettings *",
        "GET    | /2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A111122223333%3Afunction%3Amy-fn | | ListTags     | lambda:ListTags arn:aws:lambda:us-east-1:111122223333:function:my-fn"})
    void routes(String method, String path, String query, String operation, String part) {
        Mapped m = lambda(method.trim(), path.trim(), query == null ? "" : query.trim()).mapped();
        assertThat(m.service()).isEqualTo("lambda");
        assertThat(m.operation()).isEqualTo(operation.trim());
        assertThat(parts(m)).containsExactly(part.trim());
    }

    @Test
    void readingAQualifiedFunctionNeedsBothArnsBecauseTheDocsDoNotSayWhich() {
        Mapped m = lambda("GET", "/2015-03-31/functions/my-fn", "Qualifier=live").mapped();
        assertThat(parts(m)).containsExactly("lambda:GetFunction " + FN + "my-fn",
                "lambda:GetFunction " + FN + "my-fn:live");
    }

    @Test
    void createFunctionPassesItsRoleAndCarriesItsConfigurationKeys() {
        Calls.Req r = lambda("POST", "/2015-03-31/functions", "").header("Content-Type", "application/json")
                .body("{\"FunctionName\":\"new-fn\",\"Role\":\"arn:aws:iam::111122223333:role/lambda-exec\","
                        + "\"Runtime\":\"python3.12\",\"Layers\":[\"arn:aws:lambda:us-east-1:111122223333:layer:l:3\"],"
                        + "\"VpcConfig\":{\"SubnetIds\":[\"subnet-1\"],\"SecurityGroupIds\":[\"sg-1\"]},"
                        + "\"Tags\":{\"team\":\"a\"},\"Code\":{\"ZipFile\":\"UEsDBA==\"}}");
        assertThat(Calls.MAPPER.needsBody(r.view())).isTrue();
        Mapped m = r.mapped();
        assertThat(parts(m)).containsExactly("lambda:CreateFunction " + FN + "new-fn",
                "lambda:TagResource " + FN + "new-fn", "iam:PassRole arn:aws:iam::111122223333:role/lambda-exec");
        assertThat(Calls.keys(m, 0)).containsEntry("lambda:Layer",
                        List.of("arn:aws:lambda:us-east-1:111122223333:layer:l:3"))
                .containsEntry("lambda:SubnetIds", List.of("subnet-1"))
                .containsEntry("lambda:SecurityGroupIds", List.of("sg-1"))
                .containsEntry("aws:RequestTag/team", List.of("a"));
        assertThat(m.parts().get(0).undeterminedKeys()).contains("lambda:VpcIds");
        assertThat(Calls.keys(m, 2)).containsEntry("iam:PassedToService", List.of("lambda.amazonaws.com"));
    }

    @Test
    void addPermissionCarriesThePrincipal() {
        Mapped m = lambda("POST", "/2015-03-31/functions/my-fn/policy", "Qualifier=live")
                .body("{\"StatementId\":\"s\",\"Action\":\"lambda:InvokeFunction\",\"Principal\":\"sns.amazonaws.com\"}")
                .mapped();
        assertThat(parts(m)).containsExactly("lambda:AddPermission " + FN + "my-fn:live");
        assertThat(Calls.keys(m, 0)).containsEntry("lambda:Principal", List.of("sns.amazonaws.com"));
    }

    @Test
    void invokeNeedsNoBody() {
        assertThat(Calls.MAPPER.needsBody(lambda("POST", "/2015-03-31/functions/f/invocations", "").view())).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "POST | /2015-03-31/functions/my-fn/invocations | Qualifier=a&x=1",
        "POST | /2015-03-31/functions/my-fn%3Aa/invocations | Qualifier=b",
        "POST | /2015-03-31/functions/bad%20name/invocations | ",
        "GET  | /2015-03-31/event-source-mappings/ | ",
        "GET  | /2099-01-01/functions/my-fn | ",
        "PATCH | /2015-03-31/functions/my-fn | "})
    void unknownRoutesAndBadNamesAreRefused(String method, String path, String query) {
        assertThat(lambda(method.trim(), path.trim(), query == null ? "" : query.trim()).unmapped()).isNotBlank();
    }
}
