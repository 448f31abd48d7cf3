package dev.airlock.broker.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.airlock.broker.auth.ClientId;
import dev.airlock.broker.auth.ClientSecret;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clients allowed to call the broker and their signing secrets, in {@code clients.json}
 * (0600, in the owner's directory). Registering needs write access to that file, i.e. the broker's
 * owner: nothing the API offers adds a client.
 */
public final class ClientRegistry {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered client, without its secret. */
    public record Client(ClientId id, Instant created) {}

    private final java.nio.file.Path file;
    private final ReloadingFile<Map<ClientId, Entry>> current;

    private record Entry(ClientSecret secret, Instant created) {}

    public ClientRegistry(BrokerHome home) {
        this.file = home.clients();
        this.current = new ReloadingFile<>(file, ClientRegistry::parse, Map.of());
    }

    public Optional<ClientSecret> secret(ClientId id) {
        return Optional.ofNullable(current.get().get(id)).map(Entry::secret);
    }

    public List<Client> list() {
        return current.get().entrySet().stream().map(e -> new Client(e.getKey(), e.getValue().created()))
                .sorted(java.util.Comparator.comparing(c -> c.id().value())).toList();
    }

    /** Registers {@code id} with a new secret, returned for the one time it is shown. */
    public synchronized ClientSecret add(ClientId id, Instant now) {
        Map<ClientId, Entry> all = new LinkedHashMap<>(current.get());
        if (all.containsKey(id)) {
            throw new BrokerStateException("client '" + id + "' is already registered",
                    "remove it first (airlock broker clients remove " + id + ") to issue a new secret");
        }
        ClientSecret secret = ClientSecret.generate();
        all.put(id, new Entry(secret, now));
        save(all);
        return secret;
    }

    public synchronized boolean remove(ClientId id) {
        Map<ClientId, Entry> all = new LinkedHashMap<>(current.get());
        if (all.remove(id) == null) {
            return false;
        }
        save(all);
        return true;
    }

    private void save(Map<ClientId, Entry> all) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode clients = root.putObject("clients");
        all.forEach((id, e) -> clients.putObject(id.value()).put("secret", e.secret().reveal())
                .put("created", e.created().toString()));
        try {
            BrokerHome.writeOwnerOnly(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<ClientId, Entry> parse(byte[] bytes) {
        try {
            JsonNode clients = JSON.readTree(bytes).path("clients");
            Map<ClientId, Entry> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = clients.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(new ClientId(e.getKey()), new Entry(ClientSecret.parse(e.getValue().path("secret").asText()),
                        Instant.parse(e.getValue().path("created").asText())));
            }
            return Map.copyOf(out);
        } catch (IOException | RuntimeException e) {
            throw new BrokerStateException("the broker's clients file is not valid: " + e.getMessage(),
                    "restore it, or remove it and register the clients again");
        }
    }
}
