package dev.airlock.cli.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each proof of the helper handshake binds, and what it does not let through. */
class HandshakeTest {

    private final Handshake helper = new Handshake("AWS_SECRET_ACCESS_KEY=one\0");
    private final byte[] clientNonce = nonce(1);
    private final byte[] helperNonce = nonce(2);

    @Test
    void bothSidesWithTheSameSecretAgreeOnBothProofs() {
        Handshake client = new Handshake("AWS_SECRET_ACCESS_KEY=one\0");
        byte[] request = "request".getBytes(StandardCharsets.UTF_8);
        assertThat(Handshake.same(client.helperProof(clientNonce, helperNonce), helper.helperProof(clientNonce, helperNonce)))
                .isTrue();
        assertThat(Handshake.same(client.clientProof(clientNonce, helperNonce, request),
                helper.clientProof(clientNonce, helperNonce, request))).isTrue();
    }

    @Test
    void anotherSecretAnotherNonceOrAnotherRequestChangesTheProof() {
        byte[] request = "request".getBytes(StandardCharsets.UTF_8);
        byte[] proof = helper.clientProof(clientNonce, helperNonce, request);
        assertThat(new Handshake("AWS_SECRET_ACCESS_KEY=two\0").clientProof(clientNonce, helperNonce, request))
                .isNotEqualTo(proof);
        assertThat(helper.clientProof(nonce(3), helperNonce, request)).isNotEqualTo(proof);
        assertThat(helper.clientProof(clientNonce, nonce(3), request)).isNotEqualTo(proof);
        assertThat(helper.clientProof(clientNonce, helperNonce, "requesT".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(proof);
    }

    @Test
    void aHelperProofIsNeverAClientProof() {
        // A relay cannot reflect the helper's answer back as the client's, for any request.
        byte[] helperProof = helper.helperProof(clientNonce, helperNonce);
        assertThat(helper.clientProof(clientNonce, helperNonce, new byte[0])).isNotEqualTo(helperProof);
        assertThat(helper.helperProof(helperNonce, clientNonce)).isNotEqualTo(helperProof);
    }

    @Test
    void noncesOfAnotherLengthAreRefusedAndFreshOnesDiffer() throws IOException {
        assertThatThrownBy(() -> Handshake.checkedNonce(new byte[15])).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> Handshake.checkedNonce(new byte[17])).isInstanceOf(IOException.class);
        assertThat(Handshake.nonce()).hasSize(Handshake.NONCE_BYTES).isNotEqualTo(Handshake.nonce());
    }

    @Test
    void theRequestRoundTripsAndItsToStringHidesTheEnvironment() throws IOException {
        byte[] encoded = Wire.encodeRequest(List.of("run", "--", "true"), Map.of("GITHUB_TOKEN", "value-that-must-not-print"));
        Wire.Request r = Wire.decodeRequest(encoded);
        assertThat(r.args()).containsExactly("run", "--", "true");
        assertThat(r.env()).containsEntry("GITHUB_TOKEN", "value-that-must-not-print");
        assertThat(r.toString()).doesNotContain("value-that-must-not-print");
    }

    private static byte[] nonce(int fill) {
        byte[] n = new byte[Handshake.NONCE_BYTES];
        java.util.Arrays.fill(n, (byte) fill);
        return n;
    }
}
