package dev.airlock.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarterConfigTest {

    @Test
    void theStarterLoadsCleanly(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("config.toml"), StarterConfig.text());
        AirlockConfig config = ConfigLoader.load(file);
        assertThat(config.defaultProfile()).contains(StarterConfig.EXAMPLE_PROFILE);
        assertThat(config.profiles()).containsOnlyKeys("dev");
        Profile dev = config.profile(Optional.empty());
        assertThat(dev.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/AgentRole");
        assertThat(dev.region()).contains("us-east-1");
        assertThat(dev.source()).isEqualTo(new CredentialSource.DefaultChain());
        assertThat(dev.ttl()).isEqualTo(Profile.DEFAULT_TTL);
        assertThat(dev.maxDuration()).isEqualTo(Profile.DEFAULT_MAX_DURATION);
        assertThat(dev.grace()).isEqualTo(Profile.DEFAULT_GRACE);
        assertThat(dev.allow()).as("the default allow list is commented out").isEmpty();
    }

    @Test
    void theStarterDocumentsEveryKey() {
        String text = StarterConfig.text();
        for (String key : ConfigValidator.TOP_LEVEL_KEYS) {
            assertThat(text).contains(key);
        }
        assertThat(text).contains("\n# [profiles.dev.tags]\n");
        for (String key : ConfigValidator.PROFILE_KEYS.stream().filter(k -> !k.equals("tags")).toList()) {
            assertThat(text).as("documents %s", key).containsPattern("(?m)^#? ?(#   )?" + key + " = ");
        }
        assertThat(text).contains("# allow = [");
    }

    @Test
    void everyCommentedOutExampleLoadsWhenUncommented(@TempDir Path dir) throws IOException {
        String uncommented = StarterConfig.text().replaceAll("(?m)^# ((?:[a-z_]+ = |\\[profiles).*)$", "$1");
        assertThat(uncommented).contains("\nmfa_serial = ").contains("\n[profiles.dev.tags]\nteam = \"agents\"");
        Path file = Files.writeString(dir.resolve("config.toml"), uncommented);
        Profile dev = ConfigLoader.load(file).profiles().get("dev");
        assertThat(dev.allow()).containsExactly("s3:GetObject", "s3:ListBucket");
        assertThat(dev.tags()).containsEntry("team", "agents");
        assertThat(dev.mfaSerial()).isPresent();
        assertThat(dev.externalId()).isPresent();
        assertThat(dev.stsEndpoint()).isPresent();
        assertThat(dev.rolePoliciesFile()).contains(dir.resolve("dev-role-policies.json"));
    }
}
