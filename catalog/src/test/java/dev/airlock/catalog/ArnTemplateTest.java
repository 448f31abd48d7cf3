package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArnTemplateTest {

    private static ArnTemplate of(String... templates) {
        return ArnTemplate.compile(List.of(templates));
    }

    @Test
    void lonePlaceholderIsOneSegment() {
        ArnTemplate queue = of("arn:${Partition}:sqs:${Region}:${Account}:${QueueName}");
        assertThat(queue.matches("arn:aws:sqs:us-east-1:123456789012:jobs")).isTrue();
        assertThat(queue.matches("arn:aws:sqs:us-east-1:123456789012:jobs/x")).isFalse();
        assertThat(queue.matches("arn:aws:sqs:us-east-1:123456789012:")).isFalse();
    }

    @Test
    void pipelineNamesMayCarryStageAndAction() {
        ArnTemplate pipeline = of("arn:${Partition}:codepipeline:${Region}:${Account}:${PipelineName}");
        assertThat(pipeline.matches("arn:aws:codepipeline:us-east-1:123456789012:Deploy/Build/Compile")).isTrue();
    }

    @Test
    void earlierResourcePlaceholdersAreOneSegment() {
        ArnTemplate object = of("arn:${Partition}:s3:::${BucketName}/${ObjectName}");
        assertThat(object.matches("arn:aws:s3:::b/a/b/c")).isTrue();
        ArnTemplate index = of("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}");
        assertThat(index.matches("arn:aws:dynamodb:r:1:table/a/b/index/i")).isFalse();
    }

    @Test
    void literalStarInTemplateMatchesAnything() {
        ArnTemplate cert = of("arn:${Partition}:dms:${Region}:${Account}:cert:*");
        assertThat(cert.matches("arn:aws:dms:us-east-1:123456789012:cert:ABCDEF")).isTrue();
        ArnTemplate device = of("arn:${Partition}:braket:*:*:device/${DeviceType}/${Provider}/${DeviceId}");
        assertThat(device.matches("arn:aws:braket:us-west-2::device/qpu/ionq/Aria-1")).isTrue();
    }

    @Test
    void regexMetacharactersInTemplatesAreLiteral() {
        ArnTemplate t = of("arn:${Partition}:apigateway:${Region}::/domainnames/${DomainName}+${DomainIdentifier}/basepathmappings");
        assertThat(t.matches("arn:aws:apigateway:us-east-1::/domainnames/example.com+abc/basepathmappings")).isTrue();
        assertThat(t.matches("arn:aws:apigateway:us-east-1::/domainnames/example.comabc/basepathmappings")).isFalse();
    }

    @Test
    void specificityCountsLiteralCharacters() {
        assertThat(of("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}").specificity())
                .isGreaterThan(of("arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}").specificity());
    }
}
