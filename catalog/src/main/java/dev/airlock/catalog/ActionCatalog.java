package dev.airlock.catalog;

import dev.airlock.policy.match.Wildcard;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every AWS service action with its access levels, resource types and condition keys, as shipped
 * in this module's resource (see {@link CatalogSource}). Immutable and safe to share.
 */
public final class ActionCatalog {

    static final String RESOURCE = "iam-catalog.bin.gz";

    private static volatile ActionCatalog builtIn;

    private final List<ServiceInfo> services;
    private final List<ServiceIndex> indexes;
    private final Map<String, ServiceIndex> byPrefix;
    private final Suggester suggester;
    private final int actionCount;
    // Templates are compiled on first use: most runs never ask about ARNs.
    private final Map<ResourceType, ArnTemplate> templates = new ConcurrentHashMap<>();

    private ActionCatalog(List<ServiceInfo> services) {
        this.services = services;
        List<ServiceIndex> list = new ArrayList<>(services.size());
        Map<String, ServiceIndex> map = new HashMap<>(services.size() * 2);
        int count = 0;
        for (ServiceInfo service : services) {
            ServiceIndex index = new ServiceIndex(service);
            list.add(index);
            map.put(service.prefix().toLowerCase(Locale.ROOT), index);
            count += service.actions().size();
        }
        this.indexes = List.copyOf(list);
        this.byPrefix = Map.copyOf(map);
        this.suggester = new Suggester(indexes, byPrefix);
        this.actionCount = count;
    }

    /**
     * The catalog shipped in this jar, loaded on first call. Double-checked locking rather than a
     * holder class so that a broken resource fails every call with the real cause instead of a
     * NoClassDefFoundError after the first.
     */
    public static ActionCatalog builtIn() {
        ActionCatalog catalog = builtIn;
        if (catalog == null) {
            synchronized (ActionCatalog.class) {
                catalog = builtIn;
                if (catalog == null) {
                    catalog = loadBuiltIn();
                    builtIn = catalog;
                }
            }
        }
        return catalog;
    }

    private static ActionCatalog loadBuiltIn() {
        try (InputStream in = ActionCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + RESOURCE, e);
        }
    }

    /** Reads a catalog in the shipped resource format (gzipped). */
    static ActionCatalog read(InputStream gzipped) throws IOException {
        return new ActionCatalog(CatalogReader.read(gzipped));
    }

    /** All services, sorted by prefix. */
    public List<ServiceInfo> services() {
        return services;
    }

    /** The service with this action prefix, ignoring case. */
    public Optional<ServiceInfo> service(String prefix) {
        ServiceIndex index = byPrefix.get(prefix.toLowerCase(Locale.ROOT));
        return index == null ? Optional.empty() : Optional.of(index.service);
    }

    public int actionCount() {
        return actionCount;
    }

    /** The action named {@code service:Action}, ignoring case. */
    public Optional<ActionInfo> lookup(String action) {
        int colon = action.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        ServiceIndex index = byPrefix.get(action.substring(0, colon).toLowerCase(Locale.ROOT));
        return index == null
                ? Optional.empty()
                : index.find(action.substring(colon + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Like {@link #lookup} but an unknown name is an error that says what was probably meant.
     *
     * @throws UnknownActionException with suggestions when the action is not in the catalog
     */
    public ActionInfo require(String action) {
        return lookup(action).orElseThrow(() -> new UnknownActionException(suggester.suggest(action)));
    }

    /**
     * Every concrete action an IAM action pattern grants, e.g. {@code s3:Get*}, {@code *} or
     * {@code ec2:Describe?nstances}, ignoring case as IAM does. Sorted by service prefix, then
     * action name; empty when nothing matches.
     */
    public List<ActionInfo> expand(String pattern) {
        return expand(pattern, EnumSet.allOf(AccessLevel.class));
    }

    /**
     * As {@link #expand(String)}, keeping only actions with at least one of {@code accessLevels}
     * (an action labelled "Tagging, Write" counts as both).
     */
    public List<ActionInfo> expand(String pattern, Set<AccessLevel> accessLevels) {
        Set<AccessLevel> wanted = EnumSet.noneOf(AccessLevel.class);
        wanted.addAll(accessLevels);
        List<ActionInfo> out = new ArrayList<>();
        int colon = pattern.indexOf(':');
        String servicePart = colon < 0 ? pattern : pattern.substring(0, colon);
        if (colon >= 0 && !hasWildcard(servicePart)) {
            // Prefixes never contain ':', so a literal prefix pins the service and only the
            // action part needs matching: the common case, and it skips 455 other services.
            ServiceIndex index = byPrefix.get(servicePart.toLowerCase(Locale.ROOT));
            if (index != null) {
                collect(index, Wildcard.compile(pattern.substring(colon + 1), true), false, wanted, out);
            }
        } else {
            Wildcard whole = Wildcard.compile(pattern, true);
            for (ServiceIndex index : indexes) {
                collect(index, whole, true, wanted, out);
            }
        }
        return List.copyOf(out);
    }

    private static void collect(
            ServiceIndex index, Wildcard glob, boolean withPrefix, Set<AccessLevel> wanted, List<ActionInfo> out) {
        String prefix = withPrefix ? index.service.prefix().toLowerCase(Locale.ROOT) + ":" : "";
        for (int i = 0; i < index.lowerNames.length; i++) {
            String candidate = withPrefix ? prefix + index.lowerNames[i] : index.lowerNames[i];
            if (glob.matchesNormalized(candidate)) {
                ActionInfo action = index.service.actions().get(i);
                if (!disjoint(action.accessLevels(), wanted)) {
                    out.add(action);
                }
            }
        }
    }

    private static boolean disjoint(Set<AccessLevel> a, Set<AccessLevel> b) {
        for (AccessLevel level : a) {
            if (b.contains(level)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }

    /**
     * Whether {@code arn} (a concrete ARN or a policy resource pattern, taken literally) fits one
     * of the action's resource types.
     *
     * @throws UnknownActionException when the action is not in the catalog
     */
    public ArnFit arnFits(String action, String arn) {
        return arnFits(require(action), arn);
    }

    /**
     * As {@link #arnFits(String, String)}. When several resource types fit, the most specific
     * template wins, so a DynamoDB index ARN reports {@code index}, not {@code table}.
     */
    public ArnFit arnFits(ActionInfo action, String arn) {
        if (arn.equals("*")) {
            return new ArnFit.AllResources();
        }
        ResourceType best = null;
        int bestSpecificity = -1;
        List<ResourceType> expected = new ArrayList<>(action.resourceTypes().size());
        for (ActionResource resource : action.resourceTypes()) {
            ResourceType type = resource.resourceType();
            expected.add(type);
            ArnTemplate template = templates.computeIfAbsent(type, t -> ArnTemplate.compile(t.arnTemplates()));
            if (template.specificity() > bestSpecificity && template.matches(arn)) {
                best = type;
                bestSpecificity = template.specificity();
            }
        }
        return best != null ? new ArnFit.Matched(best) : new ArnFit.NoFit(expected);
    }
}
