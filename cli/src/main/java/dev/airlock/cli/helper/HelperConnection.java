package dev.airlock.cli.helper;

import dev.airlock.cli.Invocation;
import dev.airlock.cli.Main;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client of the resident helper: runs its {@code run} or {@code credentials} with the same
 * code as a plain {@code airlock} process, with the client's environment, its terminal for prompts
 * and its process for the command ({@link Invocation}). Frames are in {@link Wire}.
 */
final class HelperConnection {
    private final DataInputStream in;
    private final DataOutputStream out;
    private final String fingerprint;

    HelperConnection(SocketChannel channel, String fingerprint) {
        this.in = new DataInputStream(new BufferedInputStream(SocketStreams.in(channel)));
        this.out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
        this.fingerprint = fingerprint;
    }

    /** Serves one request; returns whether the client asked the helper to stop. */
    boolean serve() throws IOException {
        byte type = in.readByte();
        if (type == Wire.STOP) {
            return true;
        }
        if (type != Wire.REQUEST) {
            return false;
        }
        int version = in.readInt();
        String claimed = Wire.readString(in);
        List<String> args = Wire.readList(in);
        Map<String, String> clientEnv = Wire.readMap(in);
        if (version != Wire.VERSION) {
            decline("helper protocol " + Wire.VERSION + ", client " + version);
            return false;
        }
        if (!MessageDigest.isEqual(claimed.getBytes(StandardCharsets.UTF_8), fingerprint.getBytes(StandardCharsets.UTF_8))) {
            decline("the client's environment or build differs from this helper's");
            return false;
        }
        Invocation invocation = new Invocation(environment(clientEnv), this::prompt, notices -> this::runChild, true);
        PrintWriter stdout = writer(Wire.STDOUT);
        PrintWriter stderr = writer(Wire.STDERR);
        int code = Invocation.with(invocation, () -> Main.execute(args.toArray(String[]::new), stdout, stderr));
        stdout.flush();
        stderr.flush();
        synchronized (out) {
            out.writeByte(Wire.EXIT);
            out.writeInt(code);
            out.flush();
        }
        return false;
    }

    /**
     * The client's environment: what it sent, plus this helper's own values of the fingerprinted
     * variables, which the fingerprint proved equal to the client's.
     */
    private static Map<String, String> environment(Map<String, String> sent) {
        Map<String, String> env = new HashMap<>();
        sent.forEach((k, v) -> {
            if (!HelperAddress.fingerprinted(k)) {
                env.put(k, v);
            }
        });
        System.getenv().forEach((k, v) -> {
            if (HelperAddress.fingerprinted(k)) {
                env.put(k, v);
            }
        });
        return env;
    }

    private void decline(String reason) throws IOException {
        synchronized (out) {
            out.writeByte(Wire.DECLINED);
            Wire.writeString(out, reason);
            out.flush();
        }
    }

    private Optional<String> prompt(String text) {
        try {
            synchronized (out) {
                out.writeByte(Wire.PROMPT);
                Wire.writeString(out, text);
                out.flush();
            }
            if (in.readByte() != Wire.ANSWER) {
                return Optional.empty();
            }
            boolean present = in.readBoolean();
            String answer = Wire.readString(in);
            return present ? Optional.of(answer) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The client starts the command and reports its end; if the client is gone, the end is unknown. */
    private ChildOutcome runChild(ChildSpec spec) {
        try {
            synchronized (out) {
                out.writeByte(Wire.START_CHILD);
                Wire.writeSpec(out, spec);
                out.flush();
            }
            if (in.readByte() != Wire.CHILD_ENDED) {
                return new ChildOutcome.Abandoned("the airlock client sent no end for the command");
            }
            return Wire.readOutcome(in);
        } catch (IOException e) {
            return new ChildOutcome.Abandoned("the airlock client supervising the command went away");
        }
    }

    private PrintWriter writer(byte type) {
        OutputStream frames = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (out) {
                    out.writeByte(type);
                    out.writeInt(len);
                    out.write(b, off, len);
                    out.flush();
                }
            }
        };
        return new PrintWriter(new OutputStreamWriter(frames, StandardCharsets.UTF_8), true);
    }
}
