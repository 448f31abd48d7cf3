package dev.airlock.sigv4;

import javax.crypto.spec.SecretKeySpec;

/** What a signed aws-chunked body is verified with. Never printed: it holds a derived key. */
record ChunkSigning(SecretKeySpec signingKey, String amzDate, CredentialScope scope, String seedSignature) {

    ChunkSigner newSigner() {
        return new ChunkSigner(signingKey, amzDate, scope, seedSignature);
    }

    @Override
    public String toString() {
        return "ChunkSigning[" + amzDate + ", " + scope.value() + "]";
    }
}
