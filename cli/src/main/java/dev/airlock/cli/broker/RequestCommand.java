package dev.airlock.cli.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import dev.airlock.broker.client.BrokerConnection;
import dev.airlock.broker.state.BrokerHome;
import dev.airlock.cli.BadInputException;
import dev.airlock.cli.run.ExportFormat;
import dev.airlock.config.AirlockPaths;
import dev.airlock.lifecycle.EndpointEnvironment;
import dev.airlock.lifecycle.Invocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airlock broker request}: the agent's side. Asks the broker for a session under the
 * agent's token, signed with its client secret, and prints the session's environment.
 */
@Command(name = "request", mixinStandardHelpOptions = true,
        description = {"Ask the broker for a session and print its environment (as 'serve' does).",
            "Reads AIRLOCK_CLIENT, AIRLOCK_CLIENT_SECRET and AIRLOCK_TOKEN (or --token-file); the socket is "
                    + "AIRLOCK_BROKER_SOCKET, else the broker directory's."},
        footer = {"%nExample:", "  eval \"$(airlock broker request --allow s3:GetObject --resource 'arn:aws:s3:::acme/reports/*')\""})
final class RequestCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--allow", paramLabel = "ACTIONS", split = ",", required = true, description = "actions")
    List<String> allow = new ArrayList<>();

    @Option(names = "--resource", paramLabel = "ARN", required = true, description = "resource ARNs (repeatable)")
    List<String> resources = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", description = "credential lifetime")
    Optional<String> ttl = Optional.empty();

    @Option(names = "--max-duration", paramLabel = "DURATION", description = "how long the endpoint serves")
    Optional<String> maxDuration = Optional.empty();

    @Option(names = "--mode", paramLabel = "MODE", description = "enforce (default) or sts")
    Optional<String> mode = Optional.empty();

    @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit log")
    Optional<String> reason = Optional.empty();

    @Option(names = "--token-file", paramLabel = "FILE", description = "the capability token (default: $AIRLOCK_TOKEN)")
    Optional<Path> tokenFile = Optional.empty();

    @Option(names = "--format", paramLabel = "FORMAT", description = "sh (default), fish, json or dotenv")
    String format = "sh";

    @Override
    public Integer call() throws IOException {
        ExportFormat.of(format);
        Map<String, String> env = Invocation.current().env();
        ClientId client = new ClientId(need(env, "AIRLOCK_CLIENT"));
        ClientSecret secret = ClientSecret.parse(need(env, "AIRLOCK_CLIENT_SECRET"));
        String token = tokenFile.isPresent() ? TokenCommand.read(tokenFile) : need(env, "AIRLOCK_TOKEN");
        Path socket = Optional.ofNullable(env.get("AIRLOCK_BROKER_SOCKET")).map(Path::of)
                .orElseGet(() -> BrokerHome.resolve(env).socket());
        ObjectNode body = JSON.createObjectNode().put("token", token);
        allow.forEach(body.putArray("actions")::add);
        resources.forEach(body.putArray("resources")::add);
        ttl.ifPresent(t -> body.put("ttl", t));
        maxDuration.ifPresent(t -> body.put("maxDuration", t));
        mode.ifPresent(m -> body.put("mode", m));
        reason.ifPresent(r -> body.put("reason", r));
        // Inside a session, the request says so: the token must then allow delegation.
        Optional.ofNullable(env.get("AIRLOCK_SESSION_ID")).filter(s -> !s.isBlank()).ifPresent(p -> body.put("parent", p));
        BrokerConnection.Answer a = new BrokerConnection(socket, client, secret).send("POST", "/v1/sessions",
                JSON.writeValueAsString(body));
        JsonNode reply = JSON.readTree(a.body());
        if (a.status() != 201) {
            throw new BadInputException("the broker refused: " + reply.path("detail").asText(a.body()) + " ("
                    + reply.path("type").asText() + ")", "see the broker's audit log for this request");
        }
        Map<String, String> out = new TreeMap<>();
        reply.get("environment").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        if (reply.has("caBundle")) {
            out.put("AWS_CA_BUNDLE", writeCa(env, reply.get("id").asText(), reply.get("caBundle").asText()).toString());
        }
        ExportFormat.of(format).print(EndpointEnvironment.CLIENT_VARIABLES, out, spec.commandLine().getOut());
        return 0;
    }

    private static Path writeCa(Map<String, String> env, String id, String pem) throws IOException {
        Path dir = AirlockPaths.dataDir(env).resolve("broker-sessions");
        Files.createDirectories(dir);
        Path f = dir.resolve(id + ".pem");
        Files.deleteIfExists(f);
        Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(f, pem, StandardCharsets.US_ASCII);
        return f;
    }

    private static String need(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new BadInputException(name + " is not set", "the broker's owner gives each agent its client name, "
                    + "secret and token");
        }
        return v.trim();
    }
}
