package dev.airlock.cli.helper;

import dev.airlock.cli.ExitCode;
import dev.airlock.lifecycle.Invocation;
import dev.airlock.lifecycle.Trace;
import dev.airlock.run.ChildEnvironment;
import dev.airlock.run.ChildOutcome;
import dev.airlock.run.ChildRunner;
import dev.airlock.run.ChildSpec;
import dev.airlock.run.CredentialDelivery;
import dev.airlock.session.SessionCredentials;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import jdk.net.ExtendedSocketOptions;

/**
 * The short-lived side of the resident helper: asks the helper for the invocation, relays its
 * output, answers its prompts from this terminal and runs the session's command here, so signals,
 * stdin and the exit status are the terminal's as without a helper. Loads no picocli, SDK or JSON
 * code, which is where a cold start spends its time.
 */
public final class HelperClient {

    /** --refresh and --enforce keep servers that live with the command; @FILE would be read in the helper's directory. */
    private static final Set<String> LOCAL_ONLY = Set.of("--refresh", "--enforce");

    private final String[] args;
    private final Optional<HelperAddress> address;
    private static volatile boolean calledSts;
    private boolean noneAnswered;
    private boolean declined;

    private HelperClient(String[] args, Optional<HelperAddress> address) {
        this.args = args.clone();
        this.address = address;
    }

    public static HelperClient forArguments(String[] args) {
        boolean eligible = args.length > 0 && Wire.SERVED.contains(args[0]) && !localOnly(args);
        return new HelperClient(args, eligible ? HelperAddress.forEnvironment(System.getenv()) : Optional.empty());
    }

    private static boolean localOnly(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.startsWith("@") || LOCAL_ONLY.contains(a) || LOCAL_ONLY.stream().anyMatch(o -> a.startsWith(o + "="))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The exit code when the helper served the invocation; empty when it must run in this process.
     * {@code login} exists to fill a helper, so for it one is started (and waited for) first.
     */
    public OptionalInt run() {
        OptionalInt served = tryHelper();
        if (served.isEmpty() && noneAnswered && args[0].equals("login")) {
            try {
                if (HelperProcess.startAndWait(address.orElseThrow(), java.time.Duration.ofSeconds(20))) {
                    noneAnswered = false;
                    return tryHelper();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return served;
    }

    private OptionalInt tryHelper() {
        if (address.isEmpty()) {
            return OptionalInt.empty();
        }
        if (Files.exists(address.get().directory(), LinkOption.NOFOLLOW_LINKS)
                && !HelperAddress.isPrivate(address.get().directory())) {
            return OptionalInt.empty(); // someone else could have put a socket there
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
            if (!channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(HelperAddress.self())) {
                declined = true; // not our user's process: replaced by one that is, if the directory lets us
                return OptionalInt.empty();
            }
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
        if ((noneAnswered || declined) && calledSts) {
            HelperProcess.start(address.orElseThrow());
        }
    }

    /**
     * This process opened a session with STS: the work a helper makes fast. Help, usage errors and
     * dry runs do not start one (each costs a JVM of ~120 MB for ten minutes).
     */
    public static void calledSts() {
        calledSts = true;
    }

    private OptionalInt converse(SocketChannel channel) throws IOException {
        HelperAddress a = address.orElseThrow();
        byte[] clientNonce = Handshake.nonce();
        DataInputStream in = new DataInputStream(new BufferedInputStream(SocketStreams.in(channel)));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(SocketStreams.out(channel)));
        out.writeByte(Wire.HELLO);
        out.writeInt(Wire.VERSION);
        Wire.writeString(out, a.publicPart());
        Wire.writeBytes(out, clientNonce);
        out.flush();
        byte type = in.readByte();
        if (type != Wire.CHALLENGE) {
            declined = type == Wire.DECLINED;
            return OptionalInt.empty();
        }
        byte[] helperNonce = Handshake.checkedNonce(Wire.readBytes(in));
        Handshake handshake = new Handshake(a.secretPart());
        if (!Handshake.same(Wire.readBytes(in), handshake.helperProof(clientNonce, helperNonce))) {
            // A helper started with another secret (the base key changed), or not a helper at all:
            // either way it is told nothing, and is replaced after this run.
            declined = true;
            return OptionalInt.empty();
        }
        byte[] request = Wire.encodeRequest(List.of(args), unfingerprinted(System.getenv()));
        out.writeByte(Wire.REQUEST);
        Wire.writeBytes(out, handshake.clientProof(clientNonce, helperNonce, request));
        Wire.writeBytes(out, request);
        out.flush();
        return served(in, out);
    }

    /** Once the helper has said anything, it may have opened a session: never run it here again. */
    private OptionalInt served(DataInputStream in, DataOutputStream out) throws IOException {
        boolean heard = false;
        Optional<ChildOutcome> child = Optional.empty();
        while (true) {
            try {
                byte type = in.readByte();
                if (type == Wire.DECLINED && !heard) {
                    Wire.readString(in);
                    declined = true;
                    return OptionalInt.empty();
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
                    default -> throw new IOException("helper protocol: unknown frame " + type);
                }
            } catch (IOException e) {
                if (!heard) {
                    return OptionalInt.empty();
                }
                return helperGone(child);
            }
        }
    }

    /** The helper died after it started: the command's own status (if it ran) is all that is left. */
    private static OptionalInt helperGone(Optional<ChildOutcome> child) {
        System.err.println(child.isPresent()
                ? "airlock: the resident helper stopped before recording the session's end; "
                        + "'airlock sessions list' shows it as active"
                : "airlock: the resident helper stopped while serving this command; nothing was run");
        return OptionalInt.of(child.map(ChildOutcome::exitCode).orElse(ExitCode.INTERNAL.code()));
    }

    /**
     * Runs the command the helper names only if it is the one after this invocation's --, with the
     * environment this process would give it: its own, scrubbed, plus the session's variables.
     */
    private ChildOutcome runChild(ChildSpec spec) {
        List<String> own = List.of(args);
        int dash = own.indexOf("--");
        if (dash < 0 || !own.subList(dash + 1, own.size()).equals(spec.command())
                || !spec.environment().equals(expectedEnvironment(spec.environment()))) {
            System.err.println("airlock: the resident helper asked to run another command or environment; refused");
            return new ChildOutcome.Abandoned("the client refused a command or environment other than its own");
        }
        return new ChildRunner(m -> {
            System.err.println("airlock: " + m);
            System.err.flush();
        }).run(spec);
    }

    private static Map<String, String> expectedEnvironment(Map<String, String> sent) {
        try {
            SessionCredentials session = new SessionCredentials(sent.get("AWS_ACCESS_KEY_ID"),
                    sent.get("AWS_SECRET_ACCESS_KEY"), sent.get("AWS_SESSION_TOKEN"),
                    Instant.parse(sent.get("AWS_CREDENTIAL_EXPIRATION")));
            return ChildEnvironment.build(System.getenv(), new CredentialDelivery.Static(session),
                    sent.get("AWS_REGION"), sent.get("AIRLOCK_SESSION_ID"));
        } catch (RuntimeException missingOrMalformed) {
            return Map.of();
        }
    }

    private static void relay(DataInputStream in, PrintStream to) throws IOException {
        to.write(Wire.readBytes(in));
        to.flush();
    }

    /** Only the MFA question is put to the user: a helper has no other reason to ask for a secret. */
    private static void answer(DataInputStream in, DataOutputStream out) throws IOException {
        String prompt = Wire.readString(in);
        Optional<String> typed = prompt.equals(Invocation.MFA_PROMPT) ? Invocation.console(prompt) : Optional.empty();
        out.writeByte(Wire.ANSWER);
        out.writeBoolean(typed.isPresent());
        Wire.writeString(out, typed.orElse(""));
        out.flush();
    }

    /** The helper takes the fingerprinted variables from its own environment, which the handshake proved equal. */
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
