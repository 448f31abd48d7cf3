package dev.airlock.cli.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.airlock.cli.BadInputException;
import dev.airlock.policy.Policy;
import dev.airlock.policy.PolicyKind;
import dev.airlock.policy.PolicySet;
import dev.airlock.policy.Request;
import dev.airlock.policy.RequestContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Reads the lines of a batch as requests, exactly as {@link RequestJson#parse(String)} reads each,
 * but quicker for lines of the usual shape.
 *
 * <p>A batch usually repeats the same few policies on every line. So a line is not parsed into a
 * tree: a {@link JsonScan} walks it, a policy whose text a {@link PolicyCache} holds for its place in
 * the request is recognised by its bytes and not read again, and only a policy not seen before is
 * parsed and compiled. This quick reading only takes the plain shape: known fields, each once; text
 * fields as strings; policies as objects or strings; context values as scalars or arrays of them, each
 * key once. Any other line, and any line with a fault, is read again by {@link RequestJson} alone, so
 * what a line means and the error it gets are that reading's by construction. One instance per thread.
 */
public final class RequestLines {

    /** The fields of a request. */
    private enum Field {
        IDENTITY_POLICIES("identityPolicies"), RESOURCE_POLICY("resourcePolicy"), SESSION_POLICY("sessionPolicy"),
        PERMISSION_BOUNDARY("permissionBoundary"), SCPS("scps"), RCPS("rcps"), ACTION("action"),
        RESOURCE("resource"), RESOURCE_ACCOUNT("resourceAccount"), PRINCIPAL("principal"), CONTEXT("context");

        private static final Field[] ALL = values();
        /** The names as UTF-8, by ordinal, for {@link JsonScan#oneOf}. */
        private static final byte[][] NAMES = Stream.of(ALL).map(f -> f.name).toArray(byte[][]::new);

        private final byte[] name;

        Field(String name) {
            this.name = name.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final PolicyField IDENTITY_SLOTS = new PolicyField(PolicyKind.IDENTITY, "identityPolicies", 1);
    private static final PolicyField RESOURCE_SLOT = new PolicyField(PolicyKind.RESOURCE, "resourcePolicy", 0);
    private static final PolicyField SESSION_SLOT = new PolicyField(PolicyKind.SESSION, "sessionPolicy", 0);
    private static final PolicyField BOUNDARY_SLOT =
            new PolicyField(PolicyKind.PERMISSIONS_BOUNDARY, "permissionBoundary", 0);
    private static final PolicyField SCP_SLOTS = new PolicyField(PolicyKind.SCP, "scps", 2);
    private static final PolicyField RCP_SLOTS = new PolicyField(PolicyKind.RCP, "rcps", 2);

    /**
     * A policy-bearing field and the cache slots of its positions, its name with the indexes, as
     * {@link RequestJson} names them. The slots of the first few positions are made once: every line
     * names them, and the cache looks them up.
     */
    private static final class PolicyField {
        private static final int SHARED = 8;

        private final PolicyKind kind;
        private final String name;
        private final int depth;
        private final PolicyCache.Slot[][] shared = new PolicyCache.Slot[SHARED][SHARED];

        PolicyField(PolicyKind kind, String name, int depth) {
            this.kind = kind;
            this.name = name;
            this.depth = depth;
            for (int i = 0; i < SHARED; i++) {
                for (int j = 0; j < SHARED; j++) {
                    shared[i][j] = make(i, j);
                }
            }
        }

        /** The slot of the policy at index {@code i} (and {@code j} within an organisation level). */
        PolicyCache.Slot slot(int i, int j) {
            return i < SHARED && j < SHARED ? shared[i][j] : make(i, j);
        }

        private PolicyCache.Slot make(int i, int j) {
            return new PolicyCache.Slot(kind, switch (depth) {
                case 0 -> name;
                case 1 -> name + "[" + i + "]";
                default -> name + "[" + i + "][" + j + "]";
            });
        }
    }

    private final ObjectMapper mapper;
    private final RequestJson json;
    private final PolicyCache cache;
    /** Strings the quick reading takes: shorter than any Jackson refuses, as field name or value. */
    private final int maxString;

    /**
     * A reader for one thread of {@code threads} that read at once; they share the memory budget
     * for cached policies.
     */
    public RequestLines(ObjectMapper mapper, int threads) {
        this.mapper = mapper;
        this.json = new RequestJson(mapper);
        this.cache = new PolicyCache(PolicyCache.TOTAL_BYTES / Math.max(1, threads));
        StreamReadConstraints limits = mapper.getFactory().streamReadConstraints();
        this.maxString = Math.min(limits.getMaxNameLength(), limits.getMaxStringLength());
    }

    /**
     * The lines of {@code block}'s first {@code length} bytes, UTF-8 text of whole lines (ending
     * with {@code \n}, {@code \r} or {@code \r\n}, except perhaps the input's last).
     */
    public Lines lines(byte[] block, int length) {
        return new Lines(new JsonScan(block, length, maxString));
    }

    /** The lines of a block, read one at a time. */
    public final class Lines {
        private final JsonScan scan;
        private boolean started;

        private Lines(JsonScan scan) {
            this.scan = scan;
        }

        /** Moves to the next line, whatever is left of this one; false when there is none. */
        public boolean next() {
            if (started) {
                return scan.nextLine();
            }
            started = true;
            return scan.limit() > 0;
        }

        /** Whether the line is blank ({@link String#isBlank()}): a batch skips such lines. */
        public boolean blank() {
            int c = scan.peek();
            return c < 0 || (c != '{' && scan.lineText().isBlank());
        }

        /**
         * Reads the line.
         *
         * @throws BadInputException when it is not JSON or not a valid request
         */
        public RequestJson.Parsed parse() {
            try {
                return new Walk(scan).line();
            } catch (JsonScan.Declined | BadInputException e) {
                return json.parse(scan.lineText());
            }
        }
    }

    private static String nonEmpty(String s) {
        if (s.isEmpty()) {
            throw new JsonScan.Declined("an empty text field");
        }
        return s;
    }

    /** One quick reading of a line: what it has found so far. */
    private final class Walk {
        private final JsonScan scan;
        private final PolicySet.Builder policies = PolicySet.builder();
        private int seen;
        private String action;
        private String resource;
        private String principal;
        private Optional<String> account = Optional.empty();
        private RequestContext context = RequestContext.empty();

        Walk(JsonScan scan) {
            this.scan = scan;
        }

        RequestJson.Parsed line() {
            scan.expect('{');
            if (!scan.take('}')) {
                do {
                    Field field = Field.ALL[scan.oneOf(Field.NAMES)];
                    scan.expect(':');
                    field(field);
                } while (scan.take(','));
                scan.expect('}');
            }
            scan.expectEnd();
            if (action == null || resource == null || principal == null) {
                throw new JsonScan.Declined("a required field is missing");
            }
            return new RequestJson.Parsed(policies.build(), new Request(action, resource, principal, account, context));
        }

        private void field(Field field) {
            if ((seen & 1 << field.ordinal()) != 0) {
                throw new JsonScan.Declined("a field given twice");
            }
            seen |= 1 << field.ordinal();
            switch (field) {
                case IDENTITY_POLICIES -> list(i -> policies.identity(policy(IDENTITY_SLOTS.slot(i, 0))));
                case RESOURCE_POLICY -> optionalPolicy(RESOURCE_SLOT).ifPresent(policies::resource);
                case SESSION_POLICY -> optionalPolicy(SESSION_SLOT).ifPresent(policies::session);
                case PERMISSION_BOUNDARY -> optionalPolicy(BOUNDARY_SLOT).ifPresent(policies::permissionsBoundary);
                case SCPS -> levels(SCP_SLOTS).forEach(policies::scpLevel);
                case RCPS -> levels(RCP_SLOTS).forEach(policies::rcpLevel);
                case ACTION -> action = nonEmpty(scan.string());
                case RESOURCE -> resource = nonEmpty(scan.string());
                case RESOURCE_ACCOUNT -> account = isNull() ? Optional.empty() : Optional.of(scan.string());
                case PRINCIPAL -> principal = nonEmpty(scan.string());
                case CONTEXT -> context = isNull() ? RequestContext.empty() : context();
            }
        }

        /** Reads a JSON array, calling {@code item} with each index at its item. */
        private void list(IntConsumer item) {
            scan.expect('[');
            if (!scan.take(']')) {
                int i = 0;
                do {
                    item.accept(i++);
                } while (scan.take(','));
                scan.expect(']');
            }
        }

        private Optional<Policy> optionalPolicy(PolicyField field) {
            return isNull() ? Optional.empty() : Optional.of(policy(field.slot(0, 0)));
        }

        private List<List<Policy>> levels(PolicyField field) {
            List<List<Policy>> levels = new ArrayList<>();
            if (!isNull()) {
                list(i -> {
                    List<Policy> level = new ArrayList<>();
                    list(j -> level.add(policy(field.slot(i, j))));
                    levels.add(level);
                });
            }
            return levels;
        }

        /** The policy at the scan: a cached one when its text is there, else parsed, compiled and cached. */
        private Policy policy(PolicyCache.Slot slot) {
            int c = scan.peek();
            if (c != '{' && c != '"') {
                throw new JsonScan.Declined("a policy that is neither an object nor a string");
            }
            Optional<PolicyCache.Hit> hit = cache.at(slot, scan.bytes(), scan.pos(), scan.limit());
            if (hit.isPresent()) {
                scan.jump(hit.get().end());
                return hit.get().policy();
            }
            int start = scan.skipValue();
            Policy p = json.namedPolicy(tree(start, scan.pos()), slot.name(), slot.kind());
            cache.put(slot, scan.bytes(), start, scan.pos(), p);
            return p;
        }

        private RequestContext context() {
            RequestContext.Builder values = RequestContext.builder();
            scan.expect('{');
            if (!scan.take('}')) {
                do {
                    String key = scan.string();
                    scan.expect(':');
                    List<String> keyValues = new ArrayList<>(1);
                    // An array is a multivalued key (a set), whatever its length.
                    boolean set = scan.peek() == '[';
                    if (set) {
                        list(i -> keyValues.add(contextValue()));
                    } else {
                        keyValues.add(contextValue());
                    }
                    if (!values.add(key, keyValues, set)) {
                        throw new JsonScan.Declined("a context key given twice");
                    }
                } while (scan.take(','));
                scan.expect('}');
            }
            return values.build();
        }

        /** A string as it stands; a number or boolean as Jackson writes it as text. */
        private String contextValue() {
            int c = scan.peek();
            if (c == '"') {
                return scan.string();
            }
            if (c == '{' || c == '[' || c == 'n') {
                throw new JsonScan.Declined("a context value that is not a scalar");
            }
            int start = scan.skipValue();
            return tree(start, scan.pos()).asText();
        }

        /** Whether the value at the scan is {@code null}, which is then consumed. */
        private boolean isNull() {
            if (scan.peek() != 'n') {
                return false;
            }
            scan.skipValue();
            return true;
        }

        /** A value's text, which the scan found well-formed, as Jackson reads it (within its limits). */
        private JsonNode tree(int start, int end) {
            try {
                return mapper.readTree(scan.text(start, end));
            } catch (JsonProcessingException e) {
                throw new JsonScan.Declined("a value Jackson refuses");
            }
        }
    }
}
