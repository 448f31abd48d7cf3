package dev.airlock.cli.helper;

import dev.airlock.lifecycle.Invocation;
import dev.airlock.cli.Main;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One client of the resident helper: proves and checks the environment ({@link Handshake}), then
 * runs its {@code run} or {@code credentials} with the same code as a plain {@code airlock}
 * process, under the client's environment, terminal and process ({@link Invocation}). Frames are in
 * {@link Wire}.
 */
final class HelperConnection {

    /** A request (handshake, arguments, environment) larger than this is not a real client's. */
    private static final long MAX_REQUEST_BYTES = 4L << 20;

    private final Limited limited;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final HelperAddress address;

    HelperConnection(SocketChannel channel, HelperAddress address) {
        this.limited = new Limited(new BufferedInputStream(SocketStreams.in(channel)));
        this.in = new DataInputStream(limited);
        this.out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
        this.address = address;
    }

    /** What the client asked for. */
    enum Asked { NOTHING, STOP, SERVED }

    /**
     * Serves one connection.
     *
     * @param authenticated called once the client has proved its environment, before its command runs
     */
    Asked serve(Runnable authenticated) throws IOException {
        byte type = in.readByte();
        if (type == Wire.STOP) {
            return Asked.STOP;
        }
        if (type != Wire.HELLO) {
            return Asked.NOTHING;
        }
        int version = in.readInt();
        String publicPart = Wire.readString(in);
        byte[] clientNonce = Handshake.checkedNonce(Wire.readBytes(in));
        if (version != Wire.VERSION || !Handshake.same(bytes(publicPart), bytes(address.publicPart()))) {
            decline(version != Wire.VERSION ? "helper protocol " + Wire.VERSION + ", client " + version
                    : "the client's environment or build differs from this helper's");
            return Asked.NOTHING;
        }
        Handshake handshake = new Handshake(address.secretPart());
        byte[] helperNonce = Handshake.nonce();
        out.writeByte(Wire.CHALLENGE);
        Wire.writeBytes(out, helperNonce);
        Wire.writeBytes(out, handshake.helperProof(clientNonce, helperNonce));
        out.flush();
        if (in.readByte() != Wire.REQUEST) {
            return Asked.NOTHING;
        }
        byte[] proof = Wire.readBytes(in);
        byte[] request = Wire.readBytes(in);
        if (!Handshake.same(proof, handshake.clientProof(clientNonce, helperNonce, request))) {
            decline("the client's environment differs from this helper's");
            return Asked.NOTHING;
        }
        Wire.Request r = Wire.decodeRequest(request);
        if (r.args().isEmpty() || !Wire.SERVED.contains(r.args().get(0))) {
            decline("the helper serves only " + Wire.SERVED);
            return Asked.NOTHING;
        }
        limited.lift();
        authenticated.run();
        execute(r.args(), r.env());
        return Asked.SERVED;
    }

    private void execute(List<String> args, Map<String, String> clientEnv) throws IOException {
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
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The client's environment: what it sent, plus this helper's own values of the fingerprinted
     * variables, which the handshake proved equal to the client's.
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

    /** The client asks on its terminal. A client that answers out of turn has lost the thread: give up. */
    private Optional<String> prompt(String text) {
        try {
            synchronized (out) {
                out.writeByte(Wire.PROMPT);
                Wire.writeString(out, text);
                out.flush();
            }
            if (in.readByte() != Wire.ANSWER) {
                throw new IOException("helper protocol: expected an answer to the prompt");
            }
            boolean present = in.readBoolean();
            String answer = Wire.readString(in);
            return present ? Optional.of(answer) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("the airlock client went away while asked for a secret", e);
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

    /** Caps what an unauthenticated peer can make the helper read. */
    private static final class Limited extends FilterInputStream {
        private long left = MAX_REQUEST_BYTES;

        Limited(InputStream in) {
            super(in);
        }

        void lift() {
            left = Long.MAX_VALUE;
        }

        @Override
        public int read() throws IOException {
            exhausted();
            int b = super.read();
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                exhausted();
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }

        private void exhausted() throws IOException {
            if (left <= 0) {
                throw new IOException("helper protocol: request over " + MAX_REQUEST_BYTES + " bytes");
            }
        }
    }
}
