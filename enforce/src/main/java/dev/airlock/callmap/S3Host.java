package dev.airlock.callmap;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One S3 {@code Host}, read by S3's host grammar: the one place that says which bucket (or access
 * point) a host names and which endpoint serves it, for mapping and for forwarding alike.
 *
 * <p>AWS endpoints ({@code ENDPOINT.amazonaws.com}, {@code ENDPOINT.amazonaws.com.cn}), where
 * {@code ENDPOINT} is one of {@code s3}, {@code s3-external-1}, {@code s3.REGION}, {@code s3-REGION}
 * (legacy dash), {@code s3.dualstack.REGION}, {@code s3-fips.REGION}, {@code s3-fips.dualstack.REGION},
 * {@code s3-fips-REGION} (legacy GovCloud), {@code s3-accelerate[.dualstack]} (virtual-hosted only),
 * {@code s3-website-REGION} / {@code s3-website.REGION} (virtual-hosted only) and
 * {@code s3-accesspoint[-fips][.dualstack].REGION} (under an {@code NAME-ACCOUNT} label). Bare
 * endpoint: path style; {@code BUCKET.ENDPOINT}: virtual-hosted style. Every split of the host into
 * a bucket and an endpoint is tried, and a host that splits in more than one way is refused.
 * S3 Control, Outposts, Object Lambda, Multi-Region Access Points, directory buckets and
 * PrivateLink hosts are recognised and refused. Hosts that are not AWS's: loopback names (a client
 * configured with {@code AWS_ENDPOINT_URL}) and configured path-style hosts are path style, and
 * {@code BUCKET.BASE} under a configured base is virtual-hosted; any other host is refused.
 *
 * @param form how the host addresses the bucket
 * @param endpoint the serving host without the bucket or access point label, lower case and
 *     without a port (the AWS endpoint rebuilt from what was parsed, or the non-AWS host)
 * @param region the Region the host names; empty for global endpoints and non-AWS hosts
 * @param bucket the bucket a virtual-hosted host names
 * @param accessPoint the access point an access point host names
 * @param aws whether this is an AWS endpoint
 */
record S3Host(Form form, String endpoint, Optional<String> region, Optional<String> bucket,
        Optional<AccessPoint> accessPoint, boolean aws) {

    /** How a host addresses the bucket. */
    enum Form {
        /** The bucket is the first path segment. */
        PATH_STYLE,
        /** The bucket is the host's first label(s). */
        VIRTUAL_HOSTED,
        /** The host names an access point; the path is the key. */
        ACCESS_POINT,
        /** A static-website endpoint: anonymous reads only, never forwarded. */
        WEBSITE
    }

    /** An access point named by its host label {@code NAME-ACCOUNT}. */
    record AccessPoint(String name, String account) {}

    static final String REGION = "[a-z]{2,4}(?:-[a-z]+)+-\\d{1,2}";
    private static final Pattern DOMAIN = Pattern.compile("(.+)\\.(amazonaws\\.com(?:\\.cn)?)");
    private static final Pattern GLOBAL = Pattern.compile("s3|s3-external-1");
    private static final Pattern REGIONAL = Pattern.compile(
            "s3(?:-fips)?(?:\\.dualstack)?\\.(" + REGION + ")|s3-(?:fips-)?(" + REGION + ")");
    private static final Pattern ACCELERATE = Pattern.compile("s3-accelerate(?:\\.dualstack)?");
    private static final Pattern WEBSITE = Pattern.compile("s3-website[.-](" + REGION + ")");
    private static final Pattern ACCESS_POINT = Pattern.compile(
            "s3-accesspoint(?:-fips)?(?:\\.dualstack)?\\.(" + REGION + ")");
    private static final Pattern ACCESS_POINT_LABEL = Pattern.compile("([a-z0-9](?:[a-z0-9-]{1,48}[a-z0-9]))-(\\d{12})");
    /** Endpoint labels of S3 features this endpoint does not forward to, and why. */
    private static final List<String[]> UNSUPPORTED = List.of(
            new String[] {"s3-control", "S3 Control"}, new String[] {"s3-outposts", "S3 on Outposts"},
            new String[] {"s3-object-lambda", "S3 Object Lambda"}, new String[] {"s3express", "S3 directory buckets"},
            new String[] {"s3-global", "Multi-Region Access Points"}, new String[] {"vpce", "S3 PrivateLink endpoints"});
    /**
     * Bucket characters as S3's naming rules allow them in a host. S3 creates no name shorter than
     * three characters; shorter ones are let through (S3 answers NoSuchBucket) since no two
     * readings of them differ.
     */
    private static final Pattern DNS_BUCKET = Pattern.compile("[a-z0-9](?:[a-z0-9.-]{0,61}[a-z0-9])?");
    private static final Pattern PATH_BUCKET = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,253}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern HOST_HEADER = Pattern.compile("(\\[[0-9a-f:.]+\\]|[a-z0-9._-]+)(?::\\d{1,5})?");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3",
            "--table-s3");

    /**
     * Reads {@code hostHeader} (a {@code Host} value, possibly with a port).
     *
     * @param pathStyleHosts non-AWS hosts (lower case, no port) that serve path-style requests
     * @param virtualHostBases non-AWS bases under which {@code BUCKET.BASE} is virtual-hosted
     */
    static S3Host parse(String hostHeader, Set<String> pathStyleHosts, Set<String> virtualHostBases)
            throws Unmappable {
        String host = bareHost(hostHeader);
        Matcher domain = DOMAIN.matcher(host);
        if (domain.matches()) {
            return aws(host, domain.group(1), domain.group(2));
        }
        if (isLoopback(host) || pathStyleHosts.contains(host)) {
            return new S3Host(Form.PATH_STYLE, host, Optional.empty(), Optional.empty(), Optional.empty(), false);
        }
        for (String base : virtualHostBases) {
            if (host.endsWith("." + base)) {
                String bucket = dnsBucket(host.substring(0, host.length() - base.length() - 1));
                return new S3Host(Form.VIRTUAL_HOSTED, base, Optional.empty(), Optional.of(bucket), Optional.empty(),
                        false);
            }
        }
        throw new Unmappable("host " + host + " is neither an S3 endpoint nor this endpoint's own address");
    }

    /** The host to send a request for {@code bucket} to on AWS: virtual-hosted when DNS allows it. */
    String awsAuthority(Optional<String> forBucket) {
        return switch (form) {
            case ACCESS_POINT -> accessPoint.orElseThrow().name() + "-" + accessPoint.orElseThrow().account() + "."
                    + endpoint;
            case VIRTUAL_HOSTED, PATH_STYLE -> virtualHosting(forBucket) ? forBucket.orElseThrow() + "." + endpoint
                    : endpoint;
            case WEBSITE -> throw new IllegalStateException("website endpoints are never forwarded to");
        };
    }

    /**
     * Whether a request for {@code forBucket} goes to AWS virtual-hosted: always on accelerate
     * endpoints (they have no path style), never for dotted names (TLS certificates cover one
     * label), else as the client sent it.
     */
    boolean virtualHosting(Optional<String> forBucket) {
        if (forBucket.isEmpty()) {
            return false;
        }
        return endpoint.startsWith("s3-accelerate") || (form == Form.VIRTUAL_HOSTED && !forBucket.get().contains("."));
    }

    // ---------------------------------------------------------------------------------------------

    private static S3Host aws(String host, String labels, String domainName) throws Unmappable {
        List<S3Host> readings = new ArrayList<>();
        String[] parts = labels.split("\\.", -1);
        for (int split = 0; split < parts.length; split++) {
            String prefix = String.join(".", java.util.Arrays.copyOfRange(parts, 0, split));
            String suffix = String.join(".", java.util.Arrays.copyOfRange(parts, split, parts.length));
            reading(prefix, suffix, suffix + "." + domainName, domainName).ifPresent(readings::add);
        }
        if (readings.isEmpty()) {
            for (String[] u : UNSUPPORTED) {
                if (List.of(parts).stream().anyMatch(label -> label.equals(u[0]) || label.startsWith(u[0] + "-"))) {
                    throw new Unmappable(u[1] + " requests (" + host + ") are not supported by this endpoint");
                }
            }
            throw new Unmappable("host " + host + " is not an S3 endpoint this endpoint understands");
        }
        if (readings.size() > 1) {
            throw new Unmappable("host " + host + " can be read as more than one S3 endpoint");
        }
        S3Host h = readings.get(0);
        boolean china = domainName.endsWith(".cn");
        if (h.region.isPresent() && h.region.get().startsWith("cn-") != china) {
            throw new Unmappable("host " + host + " names Region " + h.region.get() + " under " + domainName);
        }
        if (china && h.region.isEmpty()) {
            throw new Unmappable("host " + host + " names no Region; China endpoints are regional");
        }
        if (h.bucket.isPresent()) {
            dnsBucket(h.bucket.get());
        }
        return h;
    }

    /** The host as {@code bucketOrAccessPoint} under endpoint {@code suffix}, when the grammar allows it. */
    private static Optional<S3Host> reading(String prefix, String suffix, String endpoint, String domainName) {
        Optional<String> bucket = prefix.isEmpty() ? Optional.empty() : Optional.of(prefix);
        Form style = prefix.isEmpty() ? Form.PATH_STYLE : Form.VIRTUAL_HOSTED;
        if (GLOBAL.matcher(suffix).matches()) {
            return Optional.of(new S3Host(style, endpoint, Optional.empty(), bucket, Optional.empty(), true));
        }
        Matcher m = REGIONAL.matcher(suffix);
        if (m.matches()) {
            String region = m.group(1) != null ? m.group(1) : m.group(2);
            return Optional.of(new S3Host(style, endpoint, Optional.of(region), bucket, Optional.empty(), true));
        }
        if (ACCELERATE.matcher(suffix).matches() && bucket.isPresent() && domainName.equals("amazonaws.com")) {
            return Optional.of(new S3Host(style, endpoint, Optional.empty(), bucket, Optional.empty(), true));
        }
        m = WEBSITE.matcher(suffix);
        if (m.matches() && bucket.isPresent()) {
            return Optional.of(new S3Host(Form.WEBSITE, endpoint, Optional.of(m.group(1)), bucket, Optional.empty(),
                    true));
        }
        m = ACCESS_POINT.matcher(suffix);
        if (m.matches() && bucket.isPresent()) {
            Matcher label = ACCESS_POINT_LABEL.matcher(bucket.get());
            if (label.matches() && !label.group(1).endsWith("-s3alias")) {
                return Optional.of(new S3Host(Form.ACCESS_POINT, endpoint, Optional.of(m.group(1)), Optional.empty(),
                        Optional.of(new AccessPoint(label.group(1), label.group(2))), true));
            }
        }
        return Optional.empty();
    }

    /** A bucket name as it may appear in a host name (general purpose bucket rules). */
    static String dnsBucket(String name) throws Unmappable {
        if (!DNS_BUCKET.matcher(name).matches() || name.contains("..") || IPV4.matcher(name).matches()
                || name.startsWith("xn--") || name.startsWith("sthree-")) {
            throw new Unmappable("\"" + name + "\" is not a bucket name S3 accepts in a host name");
        }
        reservedSuffix(name);
        return name;
    }

    /**
     * A bucket name as it may appear as the first path segment: also the legacy names (upper case,
     * underscores, up to 255 characters) S3 still serves path-style, but never a {@code .} or
     * {@code ..} segment.
     */
    static String pathBucket(String name) throws Unmappable {
        if (!PATH_BUCKET.matcher(name).matches()) {
            throw new Unmappable("\"" + name + "\" is not a bucket name");
        }
        reservedSuffix(name);
        return name;
    }

    private static void reservedSuffix(String name) throws Unmappable {
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : RESERVED_SUFFIXES) {
            if (lower.endsWith(suffix)) {
                throw new Unmappable("\"" + name + "\" ends with " + suffix + ", which names an access point alias, "
                        + "a Multi-Region Access Point, a directory bucket or a table bucket: not supported");
            }
        }
    }

    /** The host of a {@code Host} value: lower case, without its port (which must be a number). */
    static String bareHost(String hostHeader) throws Unmappable {
        Matcher m = HOST_HEADER.matcher(hostHeader.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Unmappable("malformed host \"" + hostHeader + "\"");
        }
        return m.group(1);
    }

    static boolean isLoopback(String bareHost) {
        return bareHost.equals("127.0.0.1") || bareHost.equals("localhost") || bareHost.equals("[::1]");
    }
}
