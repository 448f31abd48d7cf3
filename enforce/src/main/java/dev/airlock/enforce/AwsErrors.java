package dev.airlock.enforce;

import dev.airlock.proxy.HttpHead;
import dev.airlock.proxy.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Error responses in the shape each AWS protocol uses, so SDKs and the AWS CLI raise their normal
 * exception and print a normal message: S3's XML {@code <Error>}, the JSON protocol's
 * {@code __type}, and the Query protocol's {@code ErrorResponse}.
 */
final class AwsErrors {
    private AwsErrors() {}

    enum Protocol { S3, JSON, QUERY }

    static Protocol protocolOf(HttpHead head, String service) {
        if (service.equals("s3")) {
            return Protocol.S3;
        }
        return head.first("X-Amz-Target").isPresent() || head.first("Content-Type").map(t -> t.contains("json")).orElse(false)
                ? Protocol.JSON : Protocol.QUERY;
    }

    static Verdict.Respond error(Protocol protocol, int status, String code, String message) {
        String id = UUID.randomUUID().toString();
        return switch (protocol) {
            case S3 -> new Verdict.Respond(status, reason(status), "application/xml", bytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + xml(code) + "</Code><Message>"
                            + xml(message) + "</Message><RequestId>" + id + "</RequestId></Error>"));
            case JSON -> new Verdict.Respond(status, reason(status), "application/x-amz-json-1.1", bytes(
                    "{\"__type\":\"" + json(jsonCode(code)) + "\",\"message\":\"" + json(message) + "\"}"));
            case QUERY -> new Verdict.Respond(status, reason(status), "text/xml", bytes(
                    "<ErrorResponse><Error><Type>Sender</Type><Code>" + xml(code) + "</Code><Message>" + xml(message)
                            + "</Message></Error><RequestId>" + id + "</RequestId></ErrorResponse>"));
        };
    }

    /** JSON-protocol services name AccessDenied "AccessDeniedException". */
    private static String jsonCode(String code) {
        return code.equals("AccessDenied") ? "AccessDeniedException" : code;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
