package dev.airlock.cli.helper;

import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resident helper's protocol on its Unix socket. A frame is one type byte and a body; strings
 * are a length and UTF-8 bytes. The client opens with {@link #HELLO} (or {@link #STOP}); the
 * helper answers {@link #CHALLENGE} or {@link #DECLINED}; the client sends {@link #REQUEST}; the
 * helper answers with output, prompts and at most one command to start, and ends with
 * {@link #EXIT} or {@link #DECLINED}.
 */
final class Wire {
    /** Bumped on any change to the frames; a helper of another version declines. */
    static final int VERSION = 3;

    /** The commands a helper runs; a client asks for nothing else, and a helper takes nothing else. */
    static final Set<String> SERVED = Set.of("run", "credentials", "login");

    /** Client: version, the public part of its fingerprint, its nonce. */
    static final byte HELLO = 'H';
    /** Helper: its nonce and its proof ({@link Handshake}). */
    static final byte CHALLENGE = 'K';
    /** Client: its proof, then the request it covers ({@link #encodeRequest}). */
    static final byte REQUEST = 'Q';
    /** Client: the answer to {@link #PROMPT}: present flag, then the text. */
    static final byte ANSWER = 'A';
    /** Client: how the command of {@link #START_CHILD} ended. */
    static final byte CHILD_ENDED = 'X';
    /** Client: stop this helper. */
    static final byte STOP = 'S';
    /** Helper: bytes for the client's stdout / stderr. */
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    /** Helper: ask the user for a secret, without echo. */
    static final byte PROMPT = 'P';
    /** Helper: start this command in the client's terminal and report its end. */
    static final byte START_CHILD = 'C';
    /** Helper: the exit code of the whole invocation. */
    static final byte EXIT = 'D';
    /** Helper: this helper will not serve the request (another version, environment or command); nothing was done. */
    static final byte DECLINED = 'N';

    /** Refuses absurd lengths from a confused peer instead of allocating them. */
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_ITEMS = 1 << 16;

    private Wire() {}

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_STRING) {
            throw new IOException("helper protocol: block of " + n + " bytes");
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new EOFException();
        }
        return b;
    }

    static void writeList(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    static List<String> readList(DataInputStream in) throws IOException {
        int n = count(in);
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeInt(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    static Map<String, String> readMap(DataInputStream in) throws IOException {
        int n = count(in);
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(readString(in), readString(in));
        }
        return map;
    }

    /** The arguments and the environment's unfingerprinted variables, as the bytes the client's proof covers. */
    static byte[] encodeRequest(List<String> args, Map<String, String> env) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        writeList(out, args);
        writeMap(out, env);
        out.flush();
        return bytes.toByteArray();
    }

    /** A decoded request. Its environment is the client's: never printed. */
    record Request(List<String> args, Map<String, String> env) {
        @Override
        public String toString() {
            return "Request[" + args.size() + " arguments, " + env.size() + " variables]";
        }
    }

    static Request decodeRequest(byte[] encoded) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded));
        Request r = new Request(readList(in), readMap(in));
        if (in.available() != 0) {
            throw new IOException("helper protocol: trailing bytes after the request");
        }
        return r;
    }

    static void writeSpec(DataOutputStream out, ChildSpec spec) throws IOException {
        writeList(out, spec.command());
        writeMap(out, spec.environment());
        out.writeLong(spec.maxDuration().toMillis());
        out.writeLong(spec.grace().toMillis());
    }

    static ChildSpec readSpec(DataInputStream in) throws IOException {
        return new ChildSpec(readList(in), readMap(in), Duration.ofMillis(in.readLong()), Duration.ofMillis(in.readLong()));
    }

    static void writeOutcome(DataOutputStream out, ChildOutcome outcome) throws IOException {
        if (outcome instanceof ChildOutcome.Exited e) {
            out.writeByte('e');
            out.writeInt(e.exitCode());
        } else if (outcome instanceof ChildOutcome.TimedOut t) {
            out.writeByte('t');
            out.writeBoolean(t.killed());
        } else if (outcome instanceof ChildOutcome.NotFound f) {
            out.writeByte('f');
            writeString(out, f.command());
        } else if (outcome instanceof ChildOutcome.NotExecutable x) {
            out.writeByte('x');
            writeString(out, x.command());
            writeString(out, x.reason());
        } else if (outcome instanceof ChildOutcome.Abandoned a) {
            out.writeByte('a');
            writeString(out, a.reason());
        }
    }

    static ChildOutcome readOutcome(DataInputStream in) throws IOException {
        int kind = in.readByte();
        return switch (kind) {
            case 'e' -> new ChildOutcome.Exited(in.readInt());
            case 't' -> new ChildOutcome.TimedOut(in.readBoolean());
            case 'f' -> new ChildOutcome.NotFound(readString(in));
            case 'x' -> new ChildOutcome.NotExecutable(readString(in), readString(in));
            case 'a' -> new ChildOutcome.Abandoned(readString(in));
            default -> throw new IOException("helper protocol: unknown outcome " + kind);
        };
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_ITEMS) {
            throw new IOException("helper protocol: " + n + " items");
        }
        return n;
    }
}
