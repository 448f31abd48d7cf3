package dev.airlock.cli.profile;

import dev.airlock.cli.ExitCode;
import dev.airlock.config.AirlockConfig;
import dev.airlock.config.CredentialSource;
import dev.airlock.config.Durations;
import dev.airlock.config.Profile;
import dev.airlock.cli.HelpText;
import dev.airlock.cli.JsonOutput;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code airlock profile list|show}: what the config file defines. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "List the profiles of the config file, or show one in full.",
        subcommands = {ProfileCommand.ListProfiles.class, ProfileCommand.ShowProfile.class},
        footer = {"%nExamples:", "  airlock profile list --json", "  airlock profile show dev", HelpText.STATE_ENVIRONMENT})
public final class ProfileCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A profile as --json prints it: the config file's keys, each with its value or null. */
    static Map<String, Object> document(AirlockConfig loaded, Profile p) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", p.name());
        d.put("default", loaded.effectiveDefault().filter(p.name()::equals).isPresent());
        d.put("file", loaded.file().toAbsolutePath().normalize().toString());
        d.put("role_arn", p.roleArn());
        d.put("region", p.region().orElse(null));
        d.put("source_profile", p.source() instanceof CredentialSource.NamedProfile n ? n.name() : null);
        d.put("ttl", Durations.format(p.ttl()));
        d.put("max_duration", Durations.format(p.maxDuration()));
        d.put("grace", Durations.format(p.grace()));
        d.put("mfa_serial", p.mfaSerial().orElse(null));
        d.put("allow", p.allow());
        d.put("resources", p.resources());
        d.put("tags", p.tags());
        d.put("session_name", p.sessionName().orElse(null));
        d.put("sts_endpoint", p.stsEndpoint().map(Object::toString).orElse(null));
        d.put("role_policies_file", p.rolePoliciesFile().map(Object::toString).orElse(null));
        d.put("external_id", p.externalId().orElse(null));
        return d;
    }

    /** {@code airlock profile list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per profile: name, role ARN, region, ttl; * marks the default.")
    public static final class ListProfiles implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Option(names = "--json", description = "one JSON array with every setting of each profile")
        boolean json;

        @Override
        public Integer call() {
            AirlockConfig loaded = config.load();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonOutput.of(loaded.profiles().values().stream()
                        .map(p -> document(loaded, p)).toList()));
                return ExitCode.OK.code();
            }
            if (loaded.profiles().isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("airlock: " + loaded.file() + " defines no profiles; add one with a role_arn "
                        + "(airlock init --path FILE writes a commented example)");
                err.flush();
                return ExitCode.OK.code();
            }
            Optional<String> effectiveDefault = loaded.effectiveDefault();
            List<String[]> rows = new ArrayList<>();
            for (Profile p : loaded.profiles().values()) {
                rows.add(new String[] {effectiveDefault.filter(p.name()::equals).isPresent() ? "*" : " ", p.name(),
                        p.roleArn(), p.region().orElse("-"), Durations.format(p.ttl())});
            }
            int[] widths = new int[5];
            for (String[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder(row[0]).append(' ');
                for (int i = 1; i < row.length; i++) {
                    line.append(row[i]);
                    if (i < row.length - 1) {
                        line.append(" ".repeat(widths[i] - row[i].length() + 2));
                    }
                }
                out.println(line);
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    /** {@code airlock profile show [NAME]}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Every setting of a profile (the default profile without NAME), and the file it is from.")
    public static final class ShowProfile implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "NAME", arity = "0..1", description = "the profile (default: the default profile)")
        Optional<String> name = Optional.empty();

        @Option(names = "--json", description = "one JSON document")
        boolean json;

        @Override
        public Integer call() {
            AirlockConfig loaded = config.load();
            Profile p = loaded.profile(name);
            if (json) {
                spec.commandLine().getOut().println(JsonOutput.of(document(loaded, p)));
                return ExitCode.OK.code();
            }
            boolean isDefault = loaded.effectiveDefault().filter(p.name()::equals).isPresent();
            List<String[]> rows = new ArrayList<>();
            rows.add(row("profile", p.name() + (isDefault ? " (default)" : "")));
            rows.add(row("file", loaded.file().toAbsolutePath().normalize().toString()));
            rows.add(row("role_arn", p.roleArn()));
            rows.add(row("region", p.region().orElse("-")));
            if (p.source() instanceof CredentialSource.NamedProfile named) {
                rows.add(row("source_profile", named.name() + " (from ~/.aws/config or ~/.aws/credentials)"));
            } else {
                rows.add(row("source", "default (the standard AWS credential chain)"));
            }
            rows.add(row("ttl", Durations.format(p.ttl())));
            rows.add(row("max_duration", Durations.format(p.maxDuration())));
            rows.add(row("grace", Durations.format(p.grace())));
            rows.add(row("mfa_serial", p.mfaSerial().orElse("-")));
            addList(rows, "allow", p.allow());
            addList(rows, "resources", p.resources());
            addList(rows, "tags", p.tags().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
            rows.add(row("session_name", p.sessionName().orElse("-")));
            rows.add(row("sts_endpoint", p.stsEndpoint().map(Object::toString).orElse("-")));
            rows.add(row("role_policies_file", p.rolePoliciesFile().map(Object::toString).orElse("-")));
            rows.add(row("external_id", p.externalId().orElse("-")));

            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0) + 2;
            PrintWriter out = spec.commandLine().getOut();
            for (String[] r : rows) {
                out.println((r[0] + " ".repeat(width - r[0].length()) + r[1]).stripTrailing());
            }
            out.flush();
            return ExitCode.OK.code();
        }

        private static String[] row(String key, String value) {
            return new String[] {key, value};
        }

        /** A list as one row per item, the key on the first only; "-" when empty. */
        private static void addList(List<String[]> rows, String key, List<String> items) {
            if (items.isEmpty()) {
                rows.add(row(key, "-"));
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                rows.add(row(i == 0 ? key : "", items.get(i)));
            }
        }
    }
}
