package dev.airlock.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretGuardTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_SHAPE = "[redacted: aws-secret-access-key shape]";

    @TempDir
    Path dir;

    /**
     * 40 characters of base64 mixing upper, lower and digits: an AWS secret key's shape, made here.
     * Without {@code /}, so that where it is cut is fixed; {@link #keyWithSlashes} has them.
     */
    static String secretShaped() {
        while (true) {
            byte[] b = new byte[30];
            RANDOM.nextBytes(b);
            String s = Base64.getEncoder().encodeToString(b);
            if (s.chars().anyMatch(Character::isUpperCase) && s.chars().anyMatch(Character::isLowerCase)
                    && s.chars().anyMatch(Character::isDigit) && s.indexOf('/') < 0) {
                return s;
            }
        }
    }

    /** The documented STS token header followed by random base64, as a current session token starts. */
    static String tokenShaped() {
        byte[] b = new byte[150];
        RANDOM.nextBytes(b);
        return "IQoJb3JpZ2luX2Vj" + Base64.getEncoder().encodeToString(b);
    }

    /** A credential shaped like nothing AWS issues (lower-case hex), so only knowing it can catch it. */
    static String unshapedCredential() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretAccessKey", "SecretAccessKey", "aws_secret_access_key", "password", "dbPassword",
        "sessionToken", "session_token", "SessionToken", "token", "tokenCodeGiven", "accessKey", "accessKeyId",
        "aws-access-key-id"})
    void secretLookingNamesAreRefused(String name) {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(), Map.of(name, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name)
                .hasMessageContaining("never stores secrets");
        assertThat(log.recent(1)).isEmpty();
    }

    @Test
    void namesThatHoldASecretAndTheRedactedNameItselfAreRefused() {
        AuditLog log = AuditLog.open(dir);
        String secret = secretShaped();
        assertThatThrownBy(() -> log.append("call", Optional.empty(), Map.of("tags", Map.of(secret, "v"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(secret);
        assertThatThrownBy(() -> log.append("call", Optional.empty(), Map.of("redacted", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThat(log.recent(1)).isEmpty();
    }

    @Test
    void nestedNamesAreCheckedToo() {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(),
                Map.of("credentials", Map.of("SessionToken", "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.append("session.start", Optional.empty(),
                Map.of("list", List.of(Map.of("password", "x"))))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecretShapedRunIsReplacedAndTheFieldAndItsSiblingsAreKept() {
        AuditLog log = AuditLog.open(dir);
        String secret = secretShaped();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("operation", "GetObject");
        fields.put("resources", List.of("arn:aws:s3:::b/first", "arn:aws:s3:::b/keys/" + secret + ".txt",
                "arn:aws:s3:::b/last"));
        fields.put("status", 200);
        AuditRecord r = log.append("call", Optional.of("s-1"), fields);

        assertThat(r.fields().get("operation")).isEqualTo("GetObject");
        assertThat(r.fields().get("status")).isEqualTo(200L);
        assertThat(r.fields().get("resources")).isEqualTo(List.of("arn:aws:s3:::b/first",
                "arn:aws:s3:::b/keys/" + KEY_SHAPE + ".txt", "arn:aws:s3:::b/last"));
        assertThat(r.fields().get("redacted")).isEqualTo(List.of(
                Map.of("field", "resources[1]", "reason", "aws-secret-access-key shape")));
        assertThat(r.line()).doesNotContain(secret);
        assertThat(log.verify().intact()).isTrue();
    }

    @Test
    void aSessionTokenShapeIsReplacedThroughTheEndOfItsRunEvenUrlEncoded() {
        AuditLog log = AuditLog.open(dir);
        String token = tokenShaped();
        String url = "https://b.s3.amazonaws.com/k?X-Amz-Security-Token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&X-Amz-Expires=60";
        AuditRecord r = log.append("error", Optional.empty(), Map.of("detail", Optional.of("token " + token + " bad"),
                "url", url));
        assertThat(r.fields().get("detail")).isEqualTo("token [redacted: aws-session-token shape] bad");
        assertThat(r.fields().get("url")).isEqualTo("https://b.s3.amazonaws.com/k?X-Amz-Security-Token="
                + "[redacted: aws-session-token shape]&X-Amz-Expires=60");
        assertThat(r.line()).doesNotContain(token.substring(16, 60));
    }

    @Test
    void aProtectedCredentialIsRedactedWhateverItsShapeAndSoIsItsUrlEncodedForm() {
        AuditLog log = AuditLog.open(dir);
        String credential = unshapedCredential();
        String minted = "AirlockLocal/" + unshapedCredential() + "+/=";
        AuditRecord before = log.append("call", Optional.empty(), Map.of("resources", List.of(credential)));
        assertThat(before.line()).as("not shaped like an AWS key: only knowing it can catch it").contains(credential);

        log.guard().protect(credential, minted);
        AuditRecord r = log.append("call", Optional.empty(), Map.of("resources", List.of("x/" + credential),
                "reason", "signed with " + URLEncoder.encode(minted, StandardCharsets.UTF_8)));
        assertThat(r.fields().get("resources")).isEqualTo(List.of("x/[redacted: known credential]"));
        assertThat(r.fields().get("reason")).isEqualTo("signed with [redacted: known credential]");
        assertThat((List<Object>) r.fields().get("redacted")).containsExactlyInAnyOrder(
                Map.of("field", "resources[0]", "reason", "known credential"),
                Map.of("field", "reason", "reason", "known credential"));
        assertThat(r.line()).doesNotContain(credential).doesNotContain(minted.substring(13));
    }

    @Test
    void oneFieldRedactedForTwoReasonsSaysBoth() {
        SecretGuard guard = new SecretGuard();
        String credential = unshapedCredential();
        guard.protect(credential);
        SecretGuard.Redacted r = guard.redact(credential + " " + secretShaped());
        assertThat(r.text()).isEqualTo("[redacted: known credential] " + KEY_SHAPE);
        assertThat(r.reasons()).containsExactly(SecretGuard.Reason.KNOWN_CREDENTIAL,
                SecretGuard.Reason.SECRET_ACCESS_KEY_SHAPE);
    }

    @Test
    void onlyTheRunIsReplacedAndEveryRunIs() {
        SecretGuard guard = new SecretGuard();
        String a = secretShaped();
        String b = secretShaped();
        assertThat(guard.redact("--key=" + a + ",--other=" + b + " tail").text())
                .isEqualTo("--key=" + KEY_SHAPE + ",--other=" + KEY_SHAPE + " tail");
        assertThat(guard.redact("x" + a).text()).as("41 characters are not a key").isEqualTo("x" + a);
    }

    @Test
    void aKeyWithSlashesInsideAPathIsFoundWhole() {
        SecretGuard guard = new SecretGuard();
        String key = secretShaped();
        String withSlashes = key.substring(0, 12) + "/" + key.substring(13, 30) + "/" + key.substring(31);
        assertThat(guard.redact("s3://b/reports/" + withSlashes + "/part-0").text())
                .isEqualTo("s3://b/reports/" + KEY_SHAPE + "/part-0");
        assertThat(guard.redact("reports/2026/Q1/" + key.toLowerCase(java.util.Locale.ROOT)).reasons())
                .as("no upper case: not a key").isEmpty();
    }

    @Test
    void ordinaryValuesPassUnchangedAndTheRecordHasNoRedactedField() {
        AuditLog log = AuditLog.open(dir);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("commit", "da39a3ee5e6b4b0d3255bfef95601890afd80709"); // 40 hex: no upper case
        fields.put("keyId", "ASIAIOSFODNN7EXAMPLE"); // access key IDs are kept on purpose
        fields.put("role", "arn:aws:iam::111122223333:role/agent-readonly");
        fields.put("digest", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="); // 44 characters
        fields.put("upper", "ABCDEFGHIJABCDEFGHIJABCDEFGHIJABCDEFGHIJ");
        fields.put("path", "reports/2026/q1/summary-final-version-2.csv");
        AuditRecord r = log.append("session.start", Optional.of("s-1"), fields);
        assertThat(r.fields()).isEqualTo(Map.of("commit", fields.get("commit"), "keyId", fields.get("keyId"),
                "role", fields.get("role"), "digest", fields.get("digest"), "upper", fields.get("upper"),
                "path", fields.get("path")));
    }

    @Test
    void credentialsTooShortToRedactSafelyAreNotProtected() {
        SecretGuard guard = new SecretGuard();
        guard.protect("secret1");
        assertThat(guard.redact("a secret1 value").text()).isEqualTo("a secret1 value");
    }

    @Test
    void aRefusedEventWritesNothing() {
        AuditLog log = AuditLog.open(dir);
        assertThatThrownBy(() -> log.appendAll(List.of(
                new AuditLog.Event("call", Optional.empty(), Map.of("ok", "x")),
                new AuditLog.Event("call", Optional.empty(), Map.of("password", "x")))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(log.file())).isFalse();
    }
}
