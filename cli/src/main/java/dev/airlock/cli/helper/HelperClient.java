package dev.airlock.cli.helper;

import dev.airlock.cli.ExitCode;
import dev.airlock.cli.Trace;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildRunner;
import dev.airlock.run.ChildSpec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;

/**
 * The short-lived side of the resident helper: asks the helper for the invocation, relays its
 * output, answers its prompts from this terminal and runs the session's command here, so signals,
 * stdin and the exit status are the terminal's as without a helper. Loads no picocli, SDK or JSON
 * code, which is where a cold start spends its time.
 */
public final class HelperClient {

    /** Only these are served by the helper; --refresh and --enforce keep servers that live with the command. */
    private static final Set<String> SERVED = Set.of("run", "credentials");
    private static final Set<String> LOCAL_ONLY = Set.of("--refresh", "--enforce");

    private final String[] args;
    private final Optional<HelperAddress> address;
    private boolean noneAnswered;
    private boolean declined;

    private HelperClient(String[] args, Optional<HelperAddress> address) {
        this.args = args.clone();
        this.address = address;
    }

    public static HelperClient forArguments(String[] args) {
        boolean eligible = args.length > 0 && SERVED.contains(args[0]) && !localOnly(args);
        return new HelperClient(args, eligible ? HelperAddress.forEnvironment(System.getenv()) : Optional.empty());
    }

    private static boolean localOnly(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (LOCAL_ONLY.contains(a) || LOCAL_ONLY.stream().anyMatch(o -> a.startsWith(o + "="))) {
                return true;
            }
        }
        return false;
    }

    /** The exit code when the helper served the invocation; empty when it must run in this process. */
    public OptionalInt run() {
        if (address.isEmpty()) {
            return OptionalInt.empty();
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(UnixDomainSocketAddress.of(address.get().socket()));
        } catch (IOException | UnsupportedOperationException absent) {
            noneAnswered = true;
            return OptionalInt.empty();
        }
        Trace.mark("helper connected");
        try (channel) {
            return converse(channel);
        } catch (IOException e) {
            return OptionalInt.empty();
        }
    }

    /**
     * After a run in this process: starts a helper for the next one when none answered this time,
     * or replaces the one that declined (same name, another secret: the base key was changed).
     */
    public void startIfAbsent() {
        if (declined) {
            HelperProcess.stop(address.orElseThrow().socket());
        }
        if (noneAnswered || declined) {
            HelperProcess.start(address.orElseThrow());
        }
    }

    private OptionalInt converse(SocketChannel channel) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(channel)));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
        out.writeByte(Wire.REQUEST);
        out.writeInt(Wire.VERSION);
        Wire.writeString(out, address.orElseThrow().fingerprint());
        Wire.writeList(out, List.of(args));
        Wire.writeMap(out, unfingerprinted(System.getenv()));
        out.flush();
        boolean heard = false;
        Optional<ChildOutcome> child = Optional.empty();
        while (true) {
            byte type;
            try {
                type = in.readByte();
            } catch (EOFException gone) {
                return helperGone(heard, child);
            }
            heard = true;
            switch (type) {
                case Wire.STDOUT -> relay(in, System.out);
                case Wire.STDERR -> relay(in, System.err);
                case Wire.PROMPT -> answer(in, out);
                case Wire.START_CHILD -> {
                    Trace.mark("helper: session open");
                    child = Optional.of(runChild(Wire.readSpec(in)));
                    Trace.mark("child exited");
                    out.writeByte(Wire.CHILD_ENDED);
                    Wire.writeOutcome(out, child.get());
                    out.flush();
                }
                case Wire.EXIT -> {
                    Trace.mark("helper: recorded");
                    return OptionalInt.of(in.readInt());
                }
                case Wire.DECLINED -> {
                    Wire.readString(in);
                    declined = true;
                    return OptionalInt.empty();
                }
                default -> throw new IOException("helper protocol: unknown frame " + type);
            }
        }
    }

    /**
     * The helper died. Before it said anything it may not have started, so this process takes over;
     * after, a session may be open, so the command's own status (if it ran) is all that is left.
     */
    private static OptionalInt helperGone(boolean heard, Optional<ChildOutcome> child) {
        if (!heard) {
            return OptionalInt.empty();
        }
        System.err.println("airlock: the resident helper stopped before recording the session's end; "
                + "'airlock sessions list' shows it as active");
        return OptionalInt.of(child.map(ChildOutcome::exitCode).orElse(ExitCode.INTERNAL.code()));
    }

    private static ChildOutcome runChild(ChildSpec spec) {
        return new ChildRunner(m -> {
            System.err.println("airlock: " + m);
            System.err.flush();
        }).run(spec);
    }

    private static void relay(DataInputStream in, PrintStream to) throws IOException {
        to.write(Wire.readBytes(in));
        to.flush();
    }

    private static void answer(DataInputStream in, DataOutputStream out) throws IOException {
        String prompt = Wire.readString(in);
        Console console = System.console();
        char[] typed = console == null ? null : console.readPassword(prompt);
        out.writeByte(Wire.ANSWER);
        out.writeBoolean(typed != null);
        Wire.writeString(out, typed == null ? "" : new String(typed).trim());
        out.flush();
    }

    /** The fingerprinted variables travel in the fingerprint; the helper takes them from its own environment. */
    private static Map<String, String> unfingerprinted(Map<String, String> env) {
        Map<String, String> sent = new TreeMap<>();
        env.forEach((k, v) -> {
            if (!HelperAddress.fingerprinted(k)) {
                sent.put(k, v);
            }
        });
        return sent;
    }
}
