package dev.airlock.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private static final String FULL_TOML = """
            default_profile = "dev"

            [profiles.dev]
            role_arn = "arn:aws:iam::111122223333:role/agents/AgentRole"
            region = "eu-west-2"
            source_profile = "broker"
            ttl = "30m"
            max_duration = "2h"
            grace = 10
            mfa_serial = "arn:aws:iam::111122223333:mfa/alice"
            allow = [
              "s3:GetObject",   # read
              "s3:List*",
            ]
            resources = ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]
            session_name = "airlock-dev"
            sts_endpoint = "https://sts.eu-west-2.amazonaws.com"
            role_policies_file = "policies/dev.json"
            external_id = "ext-123"

            [profiles.dev.tags]
            team = "agents"
            "cost center" = "42"

            [profiles.ci]
            role_arn = "arn:aws-us-gov:iam::444455556666:role/Ci"
            """;

    private static final String FULL_YAML = """
            default_profile: dev
            profiles:
              dev:
                role_arn: arn:aws:iam::111122223333:role/agents/AgentRole
                region: eu-west-2
                source_profile: broker
                ttl: 30m
                max_duration: 2h
                grace: 10
                mfa_serial: arn:aws:iam::111122223333:mfa/alice
                allow:
                  - s3:GetObject   # read
                  - s3:List*
                resources: [arn:aws:s3:::bucket, "arn:aws:s3:::bucket/*"]
                session_name: airlock-dev
                sts_endpoint: https://sts.eu-west-2.amazonaws.com
                role_policies_file: policies/dev.json
                external_id: ext-123
                tags:
                  team: agents
                  cost center: 42
              ci:
                role_arn: arn:aws-us-gov:iam::444455556666:role/Ci
            """;

    // ---- happy paths -------------------------------------------------------------------------

    @Test
    void tomlHappyPathReadsEverySetting() throws IOException {
        Path file = write("config.toml", FULL_TOML);
        AirlockConfig config = ConfigLoader.load(file);
        assertFullConfig(config, file);
    }

    @Test
    void yamlHappyPathReadsTheSameSettings() throws IOException {
        Path file = write("config.yaml", FULL_YAML);
        AirlockConfig yaml = ConfigLoader.load(file);
        assertFullConfig(yaml, file);
        AirlockConfig toml = ConfigLoader.load(write("config.toml", FULL_TOML));
        assertThat(yaml.profiles()).isEqualTo(toml.profiles());
    }

    @Test
    void ymlExtensionIsYaml() throws IOException {
        AirlockConfig config = ConfigLoader.load(write("config.yml", FULL_YAML));
        assertThat(config.profiles()).containsOnlyKeys("dev", "ci");
    }

    private void assertFullConfig(AirlockConfig config, Path file) {
        assertThat(config.file()).isEqualTo(file);
        assertThat(config.defaultProfile()).contains("dev");
        assertThat(config.profiles().keySet()).containsExactly("dev", "ci");
        Profile dev = config.profiles().get("dev");
        assertThat(dev.name()).isEqualTo("dev");
        assertThat(dev.roleArn()).isEqualTo("arn:aws:iam::111122223333:role/agents/AgentRole");
        assertThat(dev.region()).contains("eu-west-2");
        assertThat(dev.source()).isEqualTo(new CredentialSource.NamedProfile("broker"));
        assertThat(dev.ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(dev.maxDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(dev.grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(dev.mfaSerial()).contains("arn:aws:iam::111122223333:mfa/alice");
        assertThat(dev.allow()).containsExactly("s3:GetObject", "s3:List*");
        assertThat(dev.resources()).containsExactly("arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*");
        assertThat(dev.tags()).containsExactly(Map.entry("team", "agents"), Map.entry("cost center", "42"));
        assertThat(dev.sessionName()).contains("airlock-dev");
        assertThat(dev.stsEndpoint()).contains(URI.create("https://sts.eu-west-2.amazonaws.com"));
        assertThat(dev.rolePoliciesFile()).contains(dir.resolve("policies/dev.json").toAbsolutePath().normalize());
        assertThat(dev.externalId()).contains("ext-123");
        assertThat(config.profile(Optional.empty())).isSameAs(dev);
        assertThat(config.profile(Optional.of("ci")).roleArn()).isEqualTo("arn:aws-us-gov:iam::444455556666:role/Ci");
    }

    @Test
    void unsetSettingsTakeTheirDefaults() throws IOException {
        AirlockConfig config = ConfigLoader.load(write("config.toml", """
                [profiles.min]
                role_arn = "arn:aws:iam::111122223333:role/R"
                """));
        assertThat(config.defaultProfile()).isEmpty();
        Profile min = config.profile(Optional.empty());
        assertThat(min).isEqualTo(Profile.of("min", "arn:aws:iam::111122223333:role/R"));
        assertThat(min.source()).isEqualTo(new CredentialSource.DefaultChain());
        assertThat(min.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(min.maxDuration()).isEqualTo(Duration.ofHours(1));
        assertThat(min.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(min.allow()).isEmpty();
        assertThat(min.resources()).isEmpty();
        assertThat(min.tags()).isEmpty();
        assertThat(List.of(min.region(), min.mfaSerial(), min.sessionName(), min.stsEndpoint(), min.rolePoliciesFile(),
                min.externalId())).allMatch(Optional::isEmpty);
    }

    @Test
    void sourceDefaultIsTheChainAndDottedKeysAndInlineTablesWork() throws IOException {
        AirlockConfig config = ConfigLoader.load(write("config.toml", """
                profiles.a.role_arn = "arn:aws:iam::111122223333:role/A"
                profiles.a.source = "default"
                profiles.a.tags = { team = "x", "app.name" = "y" }
                """));
        Profile a = config.profiles().get("a");
        assertThat(a.source()).isEqualTo(new CredentialSource.DefaultChain());
        assertThat(a.tags()).containsExactly(Map.entry("team", "x"), Map.entry("app.name", "y"));
    }

    @Test
    void anEmptyFileHasNoProfiles() throws IOException {
        assertThat(ConfigLoader.load(write("config.toml", "# nothing yet\n")).profiles()).isEmpty();
        assertThat(ConfigLoader.load(write("config.yaml", "")).profiles()).isEmpty();
        assertThat(ConfigLoader.load(write("b.yaml", "profiles:\n")).profiles()).isEmpty();
    }

    @Test
    void yamlNullsCountAsUnset() throws IOException {
        Profile p = ConfigLoader.load(write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                    region:
                    ttl: ~
                """)).profiles().get("dev");
        assertThat(p.region()).isEmpty();
        assertThat(p.ttl()).isEqualTo(Profile.DEFAULT_TTL);
    }

    @Test
    void localHttpStsEndpointIsAllowedForTests() throws IOException {
        Profile p = ConfigLoader.load(write("config.toml", """
                [profiles.t]
                role_arn = "arn:aws:iam::111122223333:role/R"
                sts_endpoint = "http://127.0.0.1:8080"
                role_policies_file = "/abs/p.json"
                """)).profiles().get("t");
        assertThat(p.stsEndpoint()).contains(URI.create("http://127.0.0.1:8080"));
        assertThat(p.rolePoliciesFile()).contains(Path.of("/abs/p.json"));
    }

    // ---- unknown keys ------------------------------------------------------------------------

    @Test
    void unknownKeyGivesLineColumnDidYouMeanAndTheValidKeys() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                  tll = "15m"
                """);
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ":3:3: profiles.dev.tll: unknown key in a profile; did you mean ttl?");
        assertThat(e.line()).isEqualTo(OptionalInt.of(3));
        assertThat(e.column()).isEqualTo(OptionalInt.of(3));
        assertThat(e.file()).isEqualTo(file);
        assertThat(e.hint()).isEqualTo("valid keys in a profile: role_arn, region, source, source_profile, ttl, "
                + "max_duration, grace, mfa_serial, allow, resources, tags, tiers, session_name, sts_endpoint, "
                + "role_policies_file, external_id");
    }

    @Test
    void unknownKeyInYamlHasItsOwnLineAndColumn() throws IOException {
        Path file = write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                    roleArn: x
                """);
        assertThat(error(file).getMessage())
                .isEqualTo(file + ":4:5: profiles.dev.roleArn: unknown key in a profile; did you mean role_arn?");
    }

    @Test
    void camelAndKebabCaseSpellingsAreRecognised() throws IOException {
        assertThat(error(write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                max-duration = "1h"
                """)).getMessage()).endsWith(":3:1: profiles.dev.max-duration: unknown key in a profile; did you mean max_duration?");
    }

    @Test
    void unknownTopLevelKeySuggestsProfiles() throws IOException {
        Path file = write("config.toml", """
                # comment

                [profile.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                """);
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ":3:2: profile: unknown top-level key; did you mean profiles?");
        assertThat(e.hint()).isEqualTo("valid top-level keys: default_profile, profiles");
    }

    @Test
    void aProfileSettingAtTheTopLevelSaysWhereItGoes() throws IOException {
        ConfigException e = error(write("config.toml", "region = \"us-east-1\"\n"));
        assertThat(e.problem()).isEqualTo("region: unknown top-level key; region is a profile setting");
        assertThat(e.hint()).startsWith("put it in a profile: under a [profiles.NAME] header");
    }

    @Test
    void defaultProfileWrittenAfterAProfileHeaderIsExplained() throws IOException {
        ConfigException e = error(write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                default_profile = "dev"
                """));
        assertThat(e.line()).hasValue(3);
        assertThat(e.problem()).contains("default_profile belongs at the top of the file");
        assertThat(e.hint()).contains("move default_profile above the first [profiles...] header");
    }

    @Test
    void aSettingAfterTheTagsHeaderIsPointedOut() throws IOException {
        ConfigException e = error(write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                [profiles.dev.tags]
                team = "a"
                allow = ["s3:GetObject"]
                """));
        assertThat(e.line()).hasValue(5);
        assertThat(e.problem()).startsWith("profiles.dev.tags.allow: expected a tag value (a string); if this is "
                + "the profile's own allow setting, move it above the tags table header");
    }

    // ---- bad values --------------------------------------------------------------------------

    @Test
    void badDurationPointsAtTheValue() throws IOException {
        Path file = write("config.toml", """
                default_profile = "dev"

                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                ttl = "15 minutes"
                """);
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(
                file + ":5:7: profiles.dev.ttl: \"15 minutes\" is not a duration; use e.g. 15m, 1h, 900s");
    }

    @Test
    void badDurationInYaml() throws IOException {
        Path file = write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                    grace: -5s
                """);
        assertThat(error(file).getMessage()).startsWith(file + ":4:12: profiles.dev.grace: \"-5s\" is negative");
    }

    @Test
    void ttlMustBeWithinWhatStsIssues() throws IOException {
        assertThat(error(profile("ttl = \"5m\"")).problem())
                .isEqualTo("profiles.dev.ttl: 5m is shorter than 15m, the shortest credentials STS issues; use 15m to 12h");
        assertThat(error(profile("ttl = \"13h\"")).problem()).contains("is longer than 12h");
    }

    @Test
    void aDurationOfTheWrongTypeSaysSo() throws IOException {
        ConfigException e = error(profile("max_duration = true"));
        assertThat(e.problem()).isEqualTo("profiles.dev.max_duration: expected a duration, found a boolean (true)");
        assertThat(e.hint()).isEqualTo("e.g. max_duration = \"15m\"");
    }

    @Test
    void badRoleArnsSayWhatIsWrong() throws IOException {
        assertRoleArnError("AgentRole", "\"AgentRole\" is not an ARN; expected arn:aws:iam::ACCOUNT:role/NAME, "
                + "e.g. arn:aws:iam::123456789012:role/AgentRole");
        assertRoleArnError("arn:aws:iam::1234:role/R", "has account ID \"1234\"; an account ID is 12 digits");
        assertRoleArnError("arn:aws:iam::111122223333:user/alice", "names a user, not a role");
        assertRoleArnError("arn:aws:sts::111122223333:assumed-role/R/session",
                "is an assumed-role session (sts), not the role itself");
        assertRoleArnError("arn:aws:iam:us-east-1:111122223333:role/R", "has a region (us-east-1)");
        assertRoleArnError("arn:aws:s3:::bucket", "is a s3 ARN, not an IAM role");
        assertRoleArnError("arn:aws:iam::111122223333:role/" + "x".repeat(65), "has an invalid role name");
        assertRoleArnError("arn:aws:iam::111122223333", "is not a complete ARN");
    }

    private void assertRoleArnError(String arn, String expected) throws IOException {
        Path file = write("arn.toml", "[profiles.dev]\nrole_arn = \"" + arn + "\"\n");
        ConfigException e = error(file);
        assertThat(e.line()).hasValue(2);
        assertThat(e.column()).hasValue(12);
        assertThat(e.problem()).startsWith("profiles.dev.role_arn: ").contains(expected);
    }

    @Test
    void badRegionsSayWhatIsWrong() throws IOException {
        Path file = profile("region = \"us-east-1a\"");
        assertThat(error(file).getMessage())
                .isEqualTo(file + ":3:10: profiles.dev.region: \"us-east-1a\" is an availability zone; the region is us-east-1");
        assertThat(error(profile("region = \"US-EAST-1\"")).problem()).contains("written in lowercase: us-east-1");
        assertThat(error(profile("region = \"virginia\"")).problem())
                .isEqualTo("profiles.dev.region: \"virginia\" is not a region; expected e.g. us-east-1, eu-west-2, ap-southeast-1");
    }

    @Test
    void sourceAndSourceProfileTogetherAreRefusedAtTheSecond() throws IOException {
        Path file = profile("source = \"default\"", "source_profile = \"admin\"");
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ":4:1: profiles.dev.source_profile: both source and "
                + "source_profile are set (the other on line 3); set only one");
        assertThat(e.hint()).contains("source = \"default\"").contains("source_profile = \"NAME\"");
    }

    @Test
    void sourceOnlyTakesDefault() throws IOException {
        ConfigException e = error(profile("source = \"admin\""));
        assertThat(e.problem()).isEqualTo("profiles.dev.source: \"admin\" is not a credential source; source can only "
                + "be \"default\" (the standard AWS credential chain)");
        assertThat(e.hint()).isEqualTo("for a named profile from ~/.aws/config write source_profile = \"admin\" instead");
    }

    @Test
    void badTagsPointAtTheTag() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"

                [profiles.dev.tags]
                team = "agents"
                "bad!" = "x"
                """);
        assertThat(error(file).getMessage()).isEqualTo(file + ":6:1: profiles.dev.tags.\"bad!\": tag key \"bad!\" has "
                + "'!'; tag keys and values use letters, digits, spaces and _.:/=+-@");

        assertThat(error(profile("tags = { team = \"a\", owner = \"x#y\" }")).getMessage())
                .endsWith(":3:30: profiles.dev.tags.owner: tag value \"x#y\" has '#'; tag keys and values use "
                        + "letters, digits, spaces and _.:/=+-@");
        assertThat(error(profile("tags = { \"aws:team\" = \"a\" }")).problem())
                .isEqualTo("profiles.dev.tags.\"aws:team\": tag keys starting with aws: are reserved by AWS");
        assertThat(error(profile("tags = { " + "k".repeat(129) + " = \"a\" }")).problem())
                .endsWith("tag keys are 1 to 128 characters, this one is 129");
        assertThat(error(profile("tags = { k = \"" + "v".repeat(257) + "\" }")).problem())
                .endsWith("tag values are at most 256 characters, this one is 257");
        assertThat(error(profile("tags = { Team = \"a\", team = \"b\" }")).problem())
                .contains("differs from \"Team\" (line 3) only in case");
        StringBuilder many = new StringBuilder("tags = {");
        for (int i = 0; i < 51; i++) {
            many.append(i == 0 ? " " : ", ").append("k").append(i).append(" = \"v\"");
        }
        assertThat(error(profile(many + " }")).problem()).isEqualTo("profiles.dev.tags: 51 session tags; STS accepts at most 50");
        assertThat(error(profile("tags = [\"a\"]")).problem()).startsWith("profiles.dev.tags: expected a table of session tags");
    }

    @Test
    void yamlTagValuesMayBeNumbersOrBooleansButUnicodeLettersAreFine() throws IOException {
        Profile p = ConfigLoader.load(write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                    tags: {cost: 42, billable: true, équipe: données, empty: ""}
                """)).profiles().get("dev");
        assertThat(p.tags()).containsExactly(Map.entry("cost", "42"), Map.entry("billable", "true"),
                Map.entry("équipe", "données"), Map.entry("empty", ""));
    }

    @Test
    void badListItemsPointAtTheItem() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                allow = [
                  "s3:GetObject",
                  "GetObject",
                ]
                """);
        assertThat(error(file).getMessage()).isEqualTo(file + ":5:3: profiles.dev.allow[1]: \"GetObject\" is not an "
                + "action; expected SERVICE:ACTION, e.g. s3:GetObject or s3:Get*; write the service prefix, e.g. s3:GetObject");

        ConfigException s3 = error(profile("resources = [\"s3://bucket/key\"]"));
        assertThat(s3.problem()).startsWith("profiles.dev.resources[0]: \"s3://bucket/key\" is not an ARN");
        assertThat(s3.hint()).isEqualTo("write the S3 location as an ARN: arn:aws:s3:::bucket/key");

        ConfigException scalar = error(profile("allow = \"s3:GetObject\""));
        assertThat(scalar.problem()).isEqualTo("profiles.dev.allow: expected a list of actions, found a string (\"s3:GetObject\")");
        assertThat(scalar.hint()).isEqualTo("e.g. allow = [\"s3:GetObject\", \"s3:ListBucket\"]");
    }

    @Test
    void otherBadValues() throws IOException {
        assertThat(error(profile("mfa_serial = \"GAHT12345678\"")).problem())
                .startsWith("profiles.dev.mfa_serial: \"GAHT12345678\" is not an MFA device ARN");
        assertThat(error(profile("session_name = \"my session\"")).problem())
                .startsWith("profiles.dev.session_name: \"my session\" is not a usable session name");
        assertThat(error(profile("external_id = \"x\"")).problem())
                .startsWith("profiles.dev.external_id: \"x\" is not a usable external ID");
        assertThat(error(profile("sts_endpoint = \"http://sts.amazonaws.com\"")).problem())
                .startsWith("profiles.dev.sts_endpoint: \"http://sts.amazonaws.com\" uses plain http");
        assertThat(error(profile("sts_endpoint = \"https://sts.amazonaws.com/x?y\"")).problem())
                .contains("has a path, query or user name");
        assertThat(error(profile("sts_endpoint = \"sts.amazonaws.com\"")).problem())
                .contains("is not an http(s) URL with a host");
        assertThat(error(profile("role_policies_file = \"\"")).problem())
                .isEqualTo("profiles.dev.role_policies_file: is empty; expected the path of a file");
        assertThat(error(profile("source_profile = \" admin\"")).problem())
                .startsWith("profiles.dev.source_profile: \" admin\" is not a usable AWS profile name");
    }

    @Test
    void aMissingRoleArnPointsAtTheProfile() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                region = "us-east-1"
                """);
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ":1:11: profiles.dev: role_arn is missing; every profile names "
                + "the IAM role Airlock assumes");
        assertThat(e.hint()).isEqualTo("add role_arn = \"arn:aws:iam::123456789012:role/AgentRole\" to profile "
                + "\"dev\", with your account and role");
    }

    @Test
    void badProfileNamesAndShapes() throws IOException {
        assertThat(error(write("config.toml", "[profiles.\"my profile\"]\nrole_arn = \"x\"\n")).problem())
                .isEqualTo("profiles.\"my profile\": \"my profile\" is not a usable profile name");
        assertThat(error(write("config.toml", "profiles = 3\n")).problem())
                .isEqualTo("profiles: expected a table of profiles, one per name, found a number (3)");
        assertThat(error(write("config.yaml", "profiles:\n  dev: arn:aws:iam::111122223333:role/R\n")).getMessage())
                .endsWith(":2:8: profiles.dev: expected a mapping of settings (role_arn, region, ...), found a "
                        + "string (\"arn:aws:iam::111122223333:role/R\")");
        assertThat(error(write("config.yaml", "- a\n- b\n")).problem())
                .startsWith("the file must be a mapping of settings (default_profile, profiles), not a list");
    }

    @Test
    void defaultProfileMustExist() throws IOException {
        Path file = write("config.toml", """
                default_profile = "dve"
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                [profiles.prod]
                role_arn = "arn:aws:iam::111122223333:role/P"
                """);
        assertThat(error(file).getMessage()).isEqualTo(file + ":1:19: default_profile: \"dve\" is not a profile in "
                + "this file; did you mean \"dev\"? (profiles: dev, prod)");
    }

    // ---- choosing a profile ------------------------------------------------------------------

    @Test
    void aMissingProfileListsTheOnesThatExistAndHowToAddOne() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                [profiles.staging]
                role_arn = "arn:aws:iam::111122223333:role/S"
                """);
        AirlockConfig config = ConfigLoader.load(file);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> config.profile(Optional.of("prod")));
        assertThat(e.getMessage()).isEqualTo(file + ": no profile named \"prod\"; profiles: dev, staging");
        assertThat(e.line()).isEmpty();
        assertThat(e.hint()).isEqualTo("to add it, edit " + file + " and add a [profiles.prod] table with role_arn = "
                + "\"arn:aws:iam::123456789012:role/NAME\" (run 'airlock init --path FILE' for a commented example)");
        assertThat(catchThrowableOfType(ConfigException.class, () -> config.profile(Optional.of("stagin"))).getMessage())
                .contains("no profile named \"stagin\" (did you mean \"staging\"?)");

        ConfigException none = catchThrowableOfType(ConfigException.class, () -> config.profile(Optional.empty()));
        assertThat(none.problem()).isEqualTo("no profile given and no default_profile; profiles: dev, staging");
        assertThat(none.hint()).startsWith("pass --profile NAME, or set default_profile = \"dev\" at the top of ");
    }

    @Test
    void aFileWithoutProfilesSaysHowToAddOne() throws IOException {
        Path file = write("config.yaml", "profiles: {}\n");
        AirlockConfig config = ConfigLoader.load(file);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> config.profile(Optional.empty()));
        assertThat(e.problem()).isEqualTo("no profiles are defined");
        assertThat(e.hint()).contains("'dev:' entry under 'profiles:'");
    }

    // ---- unreadable files --------------------------------------------------------------------

    @Test
    void tomlSyntaxErrorHasJacksonsLineAndColumn() throws IOException {
        Path file = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                ttl = 15m
                """);
        ConfigException e = error(file);
        assertThat(e.line()).hasValue(3);
        assertThat(e.column()).isPresent();
        assertThat(e.problem()).startsWith("TOML syntax error: ");
        assertThat(e.hint()).contains("strings need quotes (ttl = \"15m\")");
        assertThat(e.getCause()).isNotNull();
    }

    @Test
    void yamlSyntaxErrorHasTheLine() throws IOException {
        Path file = write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                   region: us-east-1
                """);
        ConfigException e = error(file);
        assertThat(e.line()).hasValue(4);
        assertThat(e.problem()).startsWith("YAML syntax error: ");
    }

    @Test
    void duplicateKeysPointAtTheSecond() throws IOException {
        Path toml = write("config.toml", """
                [profiles.dev]
                role_arn = "arn:aws:iam::111122223333:role/R"
                region = "us-east-1"
                region = "us-east-2"
                """);
        assertThat(error(toml).getMessage()).isEqualTo(toml + ":4:1: profiles.dev.region: defined twice (first on line 3)");
        Path yaml = write("config.yaml", """
                profiles:
                  dev:
                    region: us-east-1
                    region: us-east-2
                """);
        assertThat(error(yaml).getMessage()).isEqualTo(yaml + ":4:5: profiles.dev.region: duplicate key (first set on line 3)");
    }

    @Test
    void yamlAliasesAndMergeKeysAreRefusedRatherThanMisread() throws IOException {
        ConfigException alias = error(write("config.yaml", """
                profiles:
                  base: &b
                    role_arn: arn:aws:iam::111122223333:role/R
                  dev: *b
                """));
        assertThat(alias.problem()).isEqualTo("profiles.dev: YAML aliases (*b) are not supported");
        assertThat(alias.line()).hasValue(4);
        ConfigException merge = error(write("config.yaml", """
                profiles:
                  dev:
                    role_arn: arn:aws:iam::111122223333:role/R
                    <<: {region: us-east-1}
                """));
        assertThat(merge.getMessage()).endsWith(":4:5: profiles.dev.\"<<\": YAML merge keys (<<) are not supported");
    }

    @Test
    void aSecondYamlDocumentIsRefused() throws IOException {
        ConfigException e = error(write("config.yaml", "profiles: {}\n---\nprofiles: {}\n"));
        assertThat(e.problem()).startsWith("a second YAML document starts here");
        assertThat(e.line()).hasValue(3);
    }

    @Test
    void missingFileDirectoryAndUnknownExtension() throws IOException {
        Path missing = dir.resolve("nope.toml");
        assertThat(error(missing).getMessage()).isEqualTo(missing + ": does not exist");
        Path subdir = Files.createDirectory(dir.resolve("d.toml"));
        assertThat(error(subdir).problem()).isEqualTo("is a directory, not a config file");
        Path conf = write("config.conf", "x");
        ConfigException e = error(conf);
        assertThat(e.problem()).isEqualTo("cannot tell the format from the file name");
        assertThat(e.hint()).isEqualTo("name the file with a .toml, .yaml or .yml extension");
    }

    @Test
    void permissionDeniedIsReported() throws IOException {
        Path file = write("config.toml", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(file.toFile().setReadable(false, false));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root");
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ": cannot be read: permission denied");
        assertThat(e.hint()).contains("ls -l " + file);
    }

    @Test
    void notUtf8IsReportedWithTheLine() throws IOException {
        Path file = dir.resolve("config.toml");
        Files.write(file, new byte[] {'#', '\n', 'a', ' ', '=', ' ', '"', (byte) 0xff, '"', '\n'});
        ConfigException e = error(file);
        assertThat(e.getMessage()).isEqualTo(file + ":2: is not UTF-8 text");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        Path file = dir.resolve("config.toml");
        Files.write(file, ("\uFEFF[profiles.a]\nrole_arn = \"arn:aws:iam::111122223333:role/R\"\n")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ConfigLoader.load(file).profiles()).containsOnlyKeys("a");
    }

    // ---- helpers -----------------------------------------------------------------------------

    /** A config.toml with one profile dev (role_arn on line 2) and these lines after it (from line 3). */
    private Path profile(String... lines) throws IOException {
        return write("config.toml", "[profiles.dev]\nrole_arn = \"arn:aws:iam::111122223333:role/R\"\n"
                + String.join("\n", lines) + "\n");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static ConfigException error(Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file));
        assertThat(e).as("loading %s should fail", file).isNotNull();
        return e;
    }
}
