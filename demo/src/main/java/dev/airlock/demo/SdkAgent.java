package dev.airlock.demo;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The demo's agent when no AWS CLI is installed: the AWS SDK for Java, configured only by the
 * environment Airlock gives it (endpoint credentials, AWS_ENDPOINT_URL), doing what an agent would.
 */
public final class SdkAgent {

    public static void main(String[] args) throws Exception {
        String bucket = DemoUpstream.BUCKET;
        try (S3Client s3 = S3Client.builder().region(Region.of(System.getenv("AWS_REGION")))
                .endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL"))).forcePathStyle(true)
                // S3Proxy does not implement the optional CRC checksums newer SDKs send by default.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClient(ApacheHttpClient.create()).build()) { // the SDK's default client, as an agent has it
            step("list reports/");
            list(s3, bucket);
            if (args.length > 0 && args[0].equals("revocation")) {
                awaitFlag(Path.of(args[1]));
                step("list reports/ again, after the session was revoked");
                list(s3, bucket);
                return;
            }
            step("get reports/q1.csv");
            attempt(() -> System.out.print(s3.getObjectAsBytes(b -> b.bucket(bucket).key("reports/q1.csv")).asUtf8String()));
            step("put reports/notes.txt (a write)");
            attempt(() -> s3.putObject(b -> b.bucket(bucket).key("reports/notes.txt"), RequestBody.fromString("hi")));
            step("delete secret/payroll.csv (a delete)");
            attempt(() -> s3.deleteObject(b -> b.bucket(bucket).key("secret/payroll.csv")));
            step("get secret/payroll.csv (outside the allowed prefix)");
            attempt(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("secret/payroll.csv")));
        }
    }

    private static void list(S3Client s3, String bucket) {
        attempt(() -> s3.listObjectsV2(b -> b.bucket(bucket).prefix("reports/"))
                .contents().forEach(o -> System.out.println("    " + o.key() + "  " + o.size() + " bytes")));
    }

    private static void step(String what) {
        System.out.println("\n  agent> " + what);
    }

    private static void attempt(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails().errorCode();
            System.out.println("    refused: " + (code == null ? "HTTP " + e.statusCode()
                    : code + ": " + e.awsErrorDetails().errorMessage()));
        }
    }

    private static void awaitFlag(Path flag) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(flag) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }
}
