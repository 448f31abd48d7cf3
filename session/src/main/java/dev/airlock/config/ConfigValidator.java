package dev.airlock.config;

import dev.airlock.config.ConfigNode.Array;
import dev.airlock.config.ConfigNode.Entry;
import dev.airlock.config.ConfigNode.Kind;
import dev.airlock.config.ConfigNode.Loc;
import dev.airlock.config.ConfigNode.Null;
import dev.airlock.config.ConfigNode.Scalar;
import dev.airlock.config.ConfigNode.Table;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the located document into an {@link AirlockConfig}, stopping at the first problem with a
 * {@link ConfigException} that points at the offending key or value.
 */
final class ConfigValidator {

    static final List<String> TOP_LEVEL_KEYS = List.of("default_profile", "profiles");
    static final List<String> PROFILE_KEYS = List.of("role_arn", "region", "source", "source_profile", "ttl",
            "max_duration", "grace", "mfa_serial", "allow", "resources", "tags", "tiers", "session_name", "sts_endpoint",
            "role_policies_file", "external_id");

    static final Duration STS_MIN_TTL = Duration.ofMinutes(15);
    static final Duration STS_MAX_TTL = Duration.ofHours(12);
    static final int MAX_TAGS = 50;

    private static final String ROLE_EXAMPLE = "arn:aws:iam::123456789012:role/AgentRole";
    private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:(aws(?:-[a-z]+)*):iam::(\\d{12}):role/(?:[\\x21-\\x7E]{0,510}/)?([\\w+=,.@-]{1,64})");
    private static final Pattern MFA_ARN =
            Pattern.compile("arn:aws(?:-[a-z]+)*:iam::\\d{12}:mfa/(?:[\\x21-\\x7E]{0,510}/)?[\\w+=,.@-]{1,256}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2,3}(?:-[a-z]+)+-\\d{1,2}");
    private static final Pattern ZONE = Pattern.compile("([a-z]{2,3}(?:-[a-z]+)+-\\d{1,2})[a-z]");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+");
    private static final Pattern RESOURCE_ARN = Pattern.compile("arn:[^:]+:[^:]*:[^:]*:[^:]*:.+");
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Pattern S3_URL = Pattern.compile("s3://(.+)");

    private final Path file;
    private final Syntax syntax;

    ConfigValidator(Path file, Syntax syntax) {
        this.file = file;
        this.syntax = syntax;
    }

    AirlockConfig validate(Table root) {
        Optional<Entry> defaultEntry = Optional.empty();
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (Entry e : root.entries().values()) {
            ConfigPath path = ConfigPath.ROOT.key(e.key());
            switch (e.key()) {
                case "default_profile" -> defaultEntry = isNull(e) ? Optional.empty() : Optional.of(e);
                case "profiles" -> profiles = profiles(e, path);
                default -> throw unknownKey(e, path, TOP_LEVEL_KEYS);
            }
        }
        Optional<String> defaultProfile = Optional.empty();
        if (defaultEntry.isPresent()) {
            Entry e = defaultEntry.get();
            ConfigPath path = ConfigPath.ROOT.key(e.key());
            String name = string(e, path, "a profile name");
            if (!profiles.containsKey(name)) {
                String known = profiles.isEmpty() ? "the file defines no profiles"
                        : "profiles: " + String.join(", ", profiles.keySet());
                throw valueError(e, path, quote(name) + " is not a profile in this file"
                        + Suggestions.didYouMean(name, profiles.keySet()).map(s -> "; did you mean " + quote(s) + "?")
                                .orElse("") + " (" + known + ")",
                        "set default_profile to one of the profiles, or add a " + syntax.tableExample(name));
            }
            defaultProfile = Optional.of(name);
        }
        return new AirlockConfig(file, defaultProfile, profiles);
    }

    private Map<String, Profile> profiles(Entry e, ConfigPath path) {
        Map<String, Profile> profiles = new LinkedHashMap<>();
        if (isNull(e)) {
            return profiles;
        }
        Table table = table(e, path, "a " + syntax.mapWord + " of profiles, one per name");
        for (Entry p : table.entries().values()) {
            ConfigPath profilePath = path.key(p.key());
            if (!PROFILE_NAME.matcher(p.key()).matches()) {
                throw keyError(p, profilePath, quote(p.key()) + " is not a usable profile name",
                        "profile names are up to 64 letters, digits, '.', '_' and '-', starting with a letter or digit");
            }
            profiles.put(p.key(), profile(p, profilePath));
        }
        return profiles;
    }

    private Profile profile(Entry e, ConfigPath path) {
        Table settings = isNull(e) ? new Table(e.keyLoc(), new LinkedHashMap<>())
                : table(e, path, "a " + syntax.mapWord + " of settings (role_arn, region, ...)");
        String roleArn = null;
        Optional<String> region = Optional.empty();
        CredentialSource source = new CredentialSource.DefaultChain();
        Entry sourceEntry = null;
        Duration ttl = Profile.DEFAULT_TTL;
        Duration maxDuration = Profile.DEFAULT_MAX_DURATION;
        Duration grace = Profile.DEFAULT_GRACE;
        Optional<String> mfaSerial = Optional.empty();
        List<String> allow = List.of();
        List<String> resources = List.of();
        Map<String, String> tags = Map.of();
        Map<String, String> tiers = Map.of();
        Optional<String> sessionName = Optional.empty();
        Optional<URI> stsEndpoint = Optional.empty();
        Optional<Path> rolePoliciesFile = Optional.empty();
        Optional<String> externalId = Optional.empty();

        for (Entry s : settings.entries().values()) {
            ConfigPath p = path.key(s.key());
            if (!PROFILE_KEYS.contains(s.key())) {
                throw unknownKey(s, p, PROFILE_KEYS);
            }
            if (isNull(s)) {
                continue;
            }
            switch (s.key()) {
                case "role_arn" -> roleArn = roleArn(s, p);
                case "region" -> region = Optional.of(region(s, p));
                case "source", "source_profile" -> {
                    if (sourceEntry != null) {
                        throw keyError(s, p, "both source and source_profile are set" + onLine(" (the other on line ", sourceEntry.keyLoc(), ")")
                                + "; set only one",
                                "use " + syntax.keyValue("source", "default") + " for the standard AWS credential chain, or "
                                        + syntax.keyValue("source_profile", "NAME") + " for a profile in ~/.aws/config");
                    }
                    sourceEntry = s;
                    source = s.key().equals("source") ? source(s, p) : sourceProfile(s, p);
                }
                case "ttl" -> ttl = ttl(s, p);
                case "max_duration" -> maxDuration = duration(s, p);
                case "grace" -> grace = duration(s, p);
                case "mfa_serial" -> mfaSerial = Optional.of(mfaSerial(s, p));
                case "allow" -> allow = actions(s, p);
                case "resources" -> resources = resources(s, p);
                case "tags" -> tags = tags(s, p);
                case "tiers" -> tiers = tiers(s, p);
                case "session_name" -> sessionName = Optional.of(matching(s, p, SESSION_NAME,
                        "is not a usable session name; expected 2 to 64 letters, digits and +=,.@_-",
                        "the session name shows in CloudTrail, e.g. airlock-dev"));
                case "sts_endpoint" -> stsEndpoint = Optional.of(stsEndpoint(s, p));
                case "role_policies_file" -> rolePoliciesFile = Optional.of(path(s, p));
                case "external_id" -> externalId = Optional.of(matching(s, p, EXTERNAL_ID,
                        "is not a usable external ID; expected 2 to 1224 letters, digits and +=,.@:/_-",
                        "copy the sts:ExternalId from the role's trust policy"));
                default -> throw new IllegalStateException("unhandled key " + s.key());
            }
        }
        if (roleArn == null) {
            Loc at = e.keyLoc();
            throw new ConfigException(file, at.line(), at.column(), path + ": role_arn is missing; every profile "
                    + "names the IAM role Airlock assumes", "add " + syntax.keyValue("role_arn", ROLE_EXAMPLE)
                    + " to profile " + quote(e.key()) + ", with your account and role");
        }
        return new Profile(e.key(), roleArn, region, source, ttl, maxDuration, grace, mfaSerial, allow, resources,
                tags, sessionName, stsEndpoint, rolePoliciesFile, externalId, tiers);
    }

    // ---- values ------------------------------------------------------------------------------

    private String roleArn(Entry e, ConfigPath p) {
        String arn = string(e, p, "an IAM role ARN");
        if (ROLE_ARN.matcher(arn).matches()) {
            return arn;
        }
        String expected = "expected arn:aws:iam::ACCOUNT:role/NAME, e.g. " + ROLE_EXAMPLE;
        if (!arn.startsWith("arn:")) {
            String hint = arn.matches("[\\w+=,.@-]{1,64}")
                    ? "use the role's full ARN, e.g. arn:aws:iam::123456789012:role/" + arn
                    : "copy the role's ARN from the IAM console or 'aws iam get-role --role-name NAME'";
            throw valueError(e, p, quote(arn) + " is not an ARN; " + expected, hint);
        }
        String[] parts = arn.split(":", 6);
        String problem;
        if (parts.length < 6) {
            problem = "is not a complete ARN";
        } else if (parts[2].equals("sts") && parts[5].startsWith("assumed-role/")) {
            problem = "is an assumed-role session (sts), not the role itself";
        } else if (!parts[2].equals("iam")) {
            problem = "is a " + parts[2] + " ARN, not an IAM role";
        } else if (!parts[3].isEmpty()) {
            problem = "has a region (" + parts[3] + "); IAM ARNs have none (note the two colons: iam::ACCOUNT)";
        } else if (!parts[4].matches("\\d{12}")) {
            problem = "has account ID " + quote(parts[4]) + "; an account ID is 12 digits";
        } else if (!parts[5].startsWith("role/")) {
            int slash = parts[5].indexOf('/');
            problem = "names " + (slash > 0 ? "a " + parts[5].substring(0, slash) : quote(parts[5])) + ", not a role";
        } else {
            problem = "has an invalid role name (1 to 64 letters, digits and +=,.@_-)";
        }
        throw valueError(e, p, quote(arn) + " " + problem + "; " + expected, "");
    }

    private String region(Entry e, ConfigPath p) {
        String region = string(e, p, "a region");
        if (REGION.matcher(region).matches()) {
            return region;
        }
        Matcher zone = ZONE.matcher(region);
        if (zone.matches()) {
            throw valueError(e, p, quote(region) + " is an availability zone; the region is " + zone.group(1), "");
        }
        if (REGION.matcher(region.toLowerCase(Locale.ROOT).strip()).matches()) {
            throw valueError(e, p, quote(region) + " is not a region; regions are written in lowercase: "
                    + region.toLowerCase(Locale.ROOT).strip(), "");
        }
        throw valueError(e, p, quote(region) + " is not a region; expected e.g. us-east-1, eu-west-2, ap-southeast-1", "");
    }

    private CredentialSource source(Entry e, ConfigPath p) {
        String value = string(e, p, "\"default\"");
        if (value.equals("default")) {
            return new CredentialSource.DefaultChain();
        }
        throw valueError(e, p, quote(value) + " is not a credential source; source can only be \"default\" "
                        + "(the standard AWS credential chain)",
                "for a named profile from ~/.aws/config write " + syntax.keyValue("source_profile", value)
                        + " instead");
    }

    private CredentialSource sourceProfile(Entry e, ConfigPath p) {
        String name = string(e, p, "the name of a profile in ~/.aws/config");
        if (name.isBlank() || !name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
            throw valueError(e, p, quote(name) + " is not a usable AWS profile name",
                    "use the name as it appears in ~/.aws/config ([profile NAME]) or ~/.aws/credentials ([NAME])");
        }
        return new CredentialSource.NamedProfile(name);
    }

    private Duration duration(Entry e, ConfigPath p) {
        if (!(e.value() instanceof Scalar s) || (s.kind() != Kind.STRING && s.kind() != Kind.INTEGER)) {
            throw typeError(e, p, "a duration", syntax.keyValue(e.key(), "15m"));
        }
        try {
            return Durations.parse(s.text());
        } catch (IllegalArgumentException bad) {
            throw valueError(e, p, bad.getMessage(), "");
        }
    }

    private Duration ttl(Entry e, ConfigPath p) {
        Duration ttl = duration(e, p);
        if (ttl.compareTo(STS_MIN_TTL) < 0) {
            throw valueError(e, p, Durations.format(ttl) + " is shorter than 15m, the shortest credentials STS "
                    + "issues; use 15m to 12h", "Airlock can still stop a command sooner: see max_duration");
        }
        if (ttl.compareTo(STS_MAX_TTL) > 0) {
            throw valueError(e, p, Durations.format(ttl) + " is longer than 12h, the longest credentials STS "
                    + "issues; use 15m to 12h", "the role's own maximum session duration must allow it too");
        }
        return ttl;
    }

    private String mfaSerial(Entry e, ConfigPath p) {
        String serial = string(e, p, "an MFA device ARN");
        if (!MFA_ARN.matcher(serial).matches()) {
            throw valueError(e, p, quote(serial) + " is not an MFA device ARN; expected "
                    + "arn:aws:iam::ACCOUNT:mfa/NAME, e.g. arn:aws:iam::123456789012:mfa/alice",
                    "find it with 'aws iam list-mfa-devices' or in the IAM console under Security credentials");
        }
        return serial;
    }

    private List<String> actions(Entry e, ConfigPath p) {
        return strings(e, p, "actions", syntax.keyList("allow", "s3:GetObject", "s3:ListBucket"), (item, at) -> {
            if (!item.equals("*") && !ACTION.matcher(item).matches()) {
                String fix = item.contains(":") ? "" : "; write the service prefix, e.g. s3:" + item;
                throw new ConfigException(file, at.loc().line(), at.loc().column(), at.path() + ": " + quote(item)
                        + " is not an action; expected SERVICE:ACTION, e.g. s3:GetObject or s3:Get*" + fix, "");
            }
        });
    }

    private List<String> resources(Entry e, ConfigPath p) {
        return strings(e, p, "resource ARNs",
                syntax.keyList("resources", "arn:aws:s3:::my-bucket", "arn:aws:s3:::my-bucket/*"), (item, at) -> {
            if (!item.equals("*") && !RESOURCE_ARN.matcher(item).matches()) {
                Matcher s3 = S3_URL.matcher(item);
                String hint = s3.matches() ? "write the S3 location as an ARN: arn:aws:s3:::" + s3.group(1) : "";
                throw new ConfigException(file, at.loc().line(), at.loc().column(), at.path() + ": " + quote(item)
                        + " is not an ARN; expected arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE, "
                        + "e.g. arn:aws:s3:::my-bucket/*", hint);
            }
        });
    }

    private Map<String, String> tags(Entry e, ConfigPath p) {
        Table t = table(e, p, "a " + syntax.mapWord + " of session tags, " + (syntax == Syntax.TOML
                ? "e.g. tags = { team = \"agents\" }" : "e.g. tags: {team: agents}"));
        if (t.entries().size() > MAX_TAGS) {
            throw keyError(e, p, t.entries().size() + " session tags; STS accepts at most " + MAX_TAGS, "");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, Entry> byLowerCase = new HashMap<>();
        for (Entry tag : t.entries().values()) {
            ConfigPath tp = p.key(tag.key());
            String key = tag.key();
            if (key.isEmpty() || key.length() > 128) {
                throw keyError(tag, tp, "tag keys are 1 to 128 characters, this one is " + key.length(), "");
            }
            if (!TAG_TEXT.matcher(key).matches()) {
                throw keyError(tag, tp, "tag key " + quote(key) + " has " + badChar(key)
                        + "; tag keys and values use letters, digits, spaces and _.:/=+-@", "");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw keyError(tag, tp, "tag keys starting with aws: are reserved by AWS", "choose another key");
            }
            Entry sameKey = byLowerCase.putIfAbsent(key.toLowerCase(Locale.ROOT), tag);
            if (sameKey != null) {
                throw keyError(tag, tp, "tag key " + quote(key) + " differs from " + quote(sameKey.key())
                        + onLine(" (line ", sameKey.keyLoc(), ")") + " only in case; STS treats them as the same key",
                        "keep one of the two");
            }
            if (isNull(tag)) {
                tags.put(key, "");
                continue;
            }
            if (!(tag.value() instanceof Scalar s) || s.kind() == Kind.OTHER) {
                String moved = PROFILE_KEYS.contains(key)
                        ? "; if this is the profile's own " + key + " setting, move it above the tags "
                        + (syntax == Syntax.TOML ? "table header" : "mapping")
                        : "";
                throw typeError(tag, tp, "a tag value (a string)" + moved, syntax.keyValue(key, "value"));
            }
            String value = s.text();
            if (value.length() > 256) {
                throw valueError(tag, tp, "tag values are at most 256 characters, this one is " + value.length(), "");
            }
            if (!TAG_TEXT.matcher(value).matches()) {
                throw valueError(tag, tp, "tag value " + quote(value) + " has " + badChar(value)
                        + "; tag keys and values use letters, digits, spaces and _.:/=+-@", "");
            }
            tags.put(key, value);
        }
        return tags;
    }

    private static final java.util.regex.Pattern TIER_ACTION = java.util.regex.Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");
    private static final java.util.regex.Pattern TIER = java.util.regex.Pattern.compile("T[0-3]");

    /** Risk tier overrides: exact action names to T0..T3 (no wildcards: a tier is a decision about one action). */
    private Map<String, String> tiers(Entry e, ConfigPath p) {
        Table t = table(e, p, "a " + syntax.mapWord + " of action tiers, " + (syntax == Syntax.TOML
                ? "e.g. tiers = { \"s3:DeleteObject\" = \"T1\" }" : "e.g. tiers: {\"s3:DeleteObject\": T1}"));
        Map<String, String> tiers = new LinkedHashMap<>();
        for (Entry tier : t.entries().values()) {
            ConfigPath tp = p.key(tier.key());
            if (!TIER_ACTION.matcher(tier.key()).matches()) {
                throw keyError(tier, tp, quote(tier.key()) + " is not one action (service:Action, no wildcards)",
                        "e.g. " + syntax.keyValue("\"s3:DeleteObject\"", "T1"));
            }
            if (!(tier.value() instanceof Scalar s) || !TIER.matcher(s.text()).matches()) {
                throw valueError(tier, tp, "the tier of " + tier.key() + " must be T0, T1, T2 or T3",
                        "T0 list/read, T1 write, T2 destructive, T3 permissions and identity");
            }
            tiers.put(tier.key(), s.text());
        }
        return tiers;
    }

    private URI stsEndpoint(Entry e, ConfigPath p) {
        String text = string(e, p, "an https:// URL");
        String expected = "; expected an https:// URL such as https://sts.us-east-1.amazonaws.com "
                + "(http:// only for a local test endpoint on 127.0.0.1)";
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException bad) {
            throw valueError(e, p, quote(text) + " is not a URL (" + bad.getReason() + ")" + expected, "");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw valueError(e, p, quote(text) + " is not an http(s) URL with a host" + expected, "");
        }
        if (scheme.equals("http") && !uri.getHost().equals("127.0.0.1") && !uri.getHost().equals("[::1]")) {
            throw valueError(e, p, quote(text) + " uses plain http; credentials must travel over https"
                    + expected, "");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw valueError(e, p, quote(text) + " has a path, query or user name; give only scheme, host and port"
                    + expected, "");
        }
        return uri;
    }

    private Path path(Entry e, ConfigPath p) {
        String text = string(e, p, "a file path");
        if (text.isBlank()) {
            throw valueError(e, p, "is empty; expected the path of a file", "remove the line to unset it");
        }
        Path path;
        try {
            if (text.equals("~") || text.startsWith("~/")) {
                path = Path.of(System.getProperty("user.home")).resolve(text.equals("~") ? "" : text.substring(2));
            } else {
                path = Path.of(text);
            }
        } catch (InvalidPathException bad) {
            throw valueError(e, p, quote(text) + " is not a usable path (" + bad.getReason() + ")", "");
        }
        if (!path.isAbsolute()) {
            Path dir = file.toAbsolutePath().getParent();
            path = dir == null ? path.toAbsolutePath() : dir.resolve(path);
        }
        return path.normalize();
    }

    // ---- shapes ------------------------------------------------------------------------------

    private String matching(Entry e, ConfigPath p, Pattern pattern, String problem, String hint) {
        String text = string(e, p, "a string");
        if (!pattern.matcher(text).matches()) {
            throw valueError(e, p, quote(text) + " " + problem, hint);
        }
        return text;
    }

    private interface ItemCheck {
        void check(String item, Located at);
    }

    private record Located(ConfigPath path, Loc loc) {
    }

    private List<String> strings(Entry e, ConfigPath p, String what, String example, ItemCheck check) {
        if (!(e.value() instanceof Array a)) {
            throw typeError(e, p, "a list of " + what, example);
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < a.items().size(); i++) {
            ConfigNode item = a.items().get(i);
            ConfigPath ip = p.index(i);
            Loc at = item.loc().known() ? item.loc() : e.keyLoc();
            if (!(item instanceof Scalar s) || s.kind() != Kind.STRING) {
                throw new ConfigException(file, at.line(), at.column(), ip + ": expected a string, found "
                        + describe(item, syntax), "write the list as " + example);
            }
            check.check(s.text(), new Located(ip, at));
            items.add(s.text());
        }
        return items;
    }

    private String string(Entry e, ConfigPath p, String what) {
        if (e.value() instanceof Scalar s && (s.kind() == Kind.STRING || s.kind() == Kind.INTEGER)) {
            return s.text();
        }
        throw typeError(e, p, what + " (a string)", syntax.keyValue(e.key(), "..."));
    }

    private Table table(Entry e, ConfigPath p, String what) {
        if (e.value() instanceof Table t) {
            return t;
        }
        throw typeError(e, p, what, "");
    }

    private static boolean isNull(Entry e) {
        return e.value() instanceof Null;
    }

    static String describe(ConfigNode node, Syntax syntax) {
        if (node instanceof Table) {
            return "a " + syntax.mapWord;
        }
        if (node instanceof Array) {
            return "a list";
        }
        if (node instanceof Null) {
            return "nothing (null)";
        }
        Scalar s = (Scalar) node;
        return s.kind().description + " (" + (s.kind() == Kind.STRING ? quote(s.text()) : s.text()) + ")";
    }

    // ---- errors ------------------------------------------------------------------------------

    private ConfigException unknownKey(Entry e, ConfigPath p, List<String> valid) {
        Loc at = e.keyLoc();
        boolean topLevel = valid == TOP_LEVEL_KEYS;
        String where = topLevel ? "top-level key" : "key in a profile";
        StringBuilder problem = new StringBuilder(p + ": unknown " + where);
        String hint = "valid " + (topLevel ? "top-level keys" : "keys in a profile") + ": " + String.join(", ", valid);
        Optional<String> near = Suggestions.didYouMean(e.key(), valid);
        if (near.isPresent()) {
            problem.append("; did you mean ").append(near.get()).append('?');
        } else if (topLevel && PROFILE_KEYS.contains(e.key())) {
            problem.append("; ").append(e.key()).append(" is a profile setting");
            hint = "put it in a profile: " + (syntax == Syntax.TOML
                    ? "under a [profiles.NAME] header" : "under profiles: NAME:") + "; " + hint;
        } else if (!topLevel && TOP_LEVEL_KEYS.contains(e.key())) {
            problem.append("; ").append(e.key()).append(" belongs at the top of the file, not in a profile");
            if (syntax == Syntax.TOML) {
                hint = "in TOML every key after a [table] header belongs to that table: move " + e.key()
                        + " above the first [profiles...] header";
            }
        }
        return new ConfigException(file, at.line(), at.column(), problem.toString(), hint);
    }

    private ConfigException typeError(Entry e, ConfigPath p, String expected, String example) {
        Loc at = e.value().loc().known() ? e.value().loc() : e.keyLoc();
        return new ConfigException(file, at.line(), at.column(), p + ": expected " + expected + ", found "
                + describe(e.value(), syntax), example.isEmpty() ? "" : "e.g. " + example);
    }

    private ConfigException valueError(Entry e, ConfigPath p, String problem, String hint) {
        Loc at = e.value().loc().known() ? e.value().loc() : e.keyLoc();
        return new ConfigException(file, at.line(), at.column(), p + ": " + problem, hint);
    }

    private ConfigException keyError(Entry e, ConfigPath p, String problem, String hint) {
        Loc at = e.keyLoc().known() ? e.keyLoc() : e.value().loc();
        return new ConfigException(file, at.line(), at.column(), p + ": " + problem, hint);
    }

    private static String badChar(String text) {
        int bad = text.codePoints().filter(c -> !TAG_TEXT.matcher(new String(Character.toChars(c))).matches())
                .findFirst().orElse('?');
        return Character.isISOControl(bad) || Character.isWhitespace(bad)
                ? String.format("character U+%04X", bad) : "'" + new String(Character.toChars(bad)) + "'";
    }

    private static String onLine(String before, Loc loc, String after) {
        return loc.known() ? before + loc.line() + after : "";
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
