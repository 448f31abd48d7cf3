package dev.airlock.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Test helper: encodes a body as aws-chunked following the documented algorithm (chunk string to sign
 * "AWS4-HMAC-SHA256-PAYLOAD", trailer string to sign "AWS4-HMAC-SHA256-TRAILER"), with chosen chunk sizes.
 */
final class AwsChunkedEncoder {

    private final Optional<ChunkSigner> signer;
    private final Map<String, String> trailers = new TreeMap<>();
    private final boolean trailing;

    /** Signed chunks chained from {@code seed}. */
    static AwsChunkedEncoder signed(AwsCredentials credentials, CredentialScope scope, String amzDate, String seed,
            boolean trailing) {
        ChunkSigner signer = new ChunkSigner(SigningKeyCache.derive(credentials.secretAccessKey(), scope), amzDate,
                scope, seed);
        return new AwsChunkedEncoder(Optional.of(signer), trailing);
    }

    static AwsChunkedEncoder unsignedWithTrailer() {
        return new AwsChunkedEncoder(Optional.empty(), true);
    }

    private AwsChunkedEncoder(Optional<ChunkSigner> signer, boolean trailing) {
        this.signer = signer;
        this.trailing = trailing;
    }

    AwsChunkedEncoder trailer(String name, String value) {
        trailers.put(name, value);
        return this;
    }

    byte[] encode(byte[] body, List<Integer> chunkSizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1024);
        int at = 0;
        for (int size : chunkSizes) {
            chunk(out, Arrays.copyOfRange(body, at, at + size));
            at += size;
        }
        if (at != body.length) {
            throw new IllegalArgumentException("chunk sizes cover " + at + " of " + body.length + " bytes");
        }
        chunk(out, new byte[0]);
        if (trailing) {
            StringBuilder canonical = new StringBuilder();
            trailers.forEach((name, value) -> {
                write(out, name + ":" + value + "\r\n");
                canonical.append(name).append(':').append(value).append('\n');
            });
            signer.ifPresent(s -> write(out, "x-amz-trailer-signature:" + ascii(s.trailer(
                    Crypto.newSha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)))) + "\r\n"));
        }
        write(out, "\r\n");
        return out.toByteArray();
    }

    byte[] encode(byte[] body, int chunkSize) {
        List<Integer> sizes = new java.util.ArrayList<>();
        for (int at = 0; at < body.length; at += chunkSize) {
            sizes.add(Math.min(chunkSize, body.length - at));
        }
        return encode(body, sizes);
    }

    private void chunk(ByteArrayOutputStream out, byte[] data) {
        String header = Integer.toHexString(data.length);
        if (signer.isPresent()) {
            header += ";chunk-signature=" + ascii(signer.get().nextChunk(Crypto.newSha256().digest(data)));
        }
        write(out, header + "\r\n");
        out.write(data, 0, data.length);
        if (data.length > 0) {
            write(out, "\r\n");
        }
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        out.write(b, 0, b.length);
    }
}
