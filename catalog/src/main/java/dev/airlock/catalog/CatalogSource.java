package dev.airlock.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * Provenance of the shipped catalog, recorded by {@code tools/catalog/regenerate.sh}: which npm
 * release it was generated from and the hashes that tie the resource to that release.
 */
public record CatalogSource(
        String packageName,
        String version,
        String license,
        String tarballSha256,
        String tarballIntegrity,
        String resourceName,
        String resourceSha256) {

    static final String PROPERTIES = "iam-catalog.properties";

    public CatalogSource {
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(license, "license");
        Objects.requireNonNull(tarballSha256, "tarballSha256");
        Objects.requireNonNull(tarballIntegrity, "tarballIntegrity");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(resourceSha256, "resourceSha256");
    }

    /** The provenance of the catalog that {@link ActionCatalog#builtIn()} loads. */
    public static CatalogSource builtIn() {
        Properties p = new Properties();
        try (InputStream in = CatalogSource.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + PROPERTIES);
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + PROPERTIES, e);
        }
        return new CatalogSource(
                required(p, "source.package"),
                required(p, "source.version"),
                required(p, "source.license"),
                required(p, "source.tarball.sha256"),
                required(p, "source.tarball.integrity"),
                required(p, "resource.name"),
                required(p, "resource.sha256"));
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(PROPERTIES + " lacks " + key);
        }
        return value;
    }
}
