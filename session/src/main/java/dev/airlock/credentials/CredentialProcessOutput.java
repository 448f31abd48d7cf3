package dev.airlock.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.session.SessionCredentials;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The JSON (Version 1) that {@code credential_process} in ~/.aws/config expects on stdout. */
public final class CredentialProcessOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CredentialProcessOutput() {}

    public static String json(SessionCredentials c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("Version", 1);
        o.put("AccessKeyId", c.accessKeyId());
        o.put("SecretAccessKey", c.secretAccessKey());
        o.put("SessionToken", c.sessionToken());
        o.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(c.expiration().truncatedTo(ChronoUnit.SECONDS)));
        return o.toString();
    }
}
