package dev.airlock.cli.run;

import dev.airlock.lifecycle.UsageProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code serve} prints the environment its clients need: for a shell to evaluate, or as data. */
public enum ExportFormat {
    SH, FISH, JSON, DOTENV;

    /** What a client must not inherit from the user's shell: it would point the SDK elsewhere. */
    private static final List<String> UNSET = List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE");

    public static ExportFormat of(String name) {
        return switch (name) {
            case "sh", "bash", "zsh" -> SH;
            case "fish" -> FISH;
            case "json" -> JSON;
            case "dotenv", "env" -> DOTENV;
            default -> throw new UsageProblem("--format " + name + " is not one of sh, fish, json, dotenv");
        };
    }

    public void print(List<String> names, Map<String, String> env, PrintWriter out) {
        Map<String, String> values = new LinkedHashMap<>();
        names.stream().filter(env::containsKey).forEach(n -> values.put(n, env.get(n)));
        switch (this) {
            case SH -> {
                out.println("unset " + String.join(" ", UNSET));
                values.forEach((k, v) -> out.println("export " + k + "=" + single(v)));
            }
            case FISH -> {
                UNSET.forEach(n -> out.println("set -e " + n));
                values.forEach((k, v) -> out.println("set -gx " + k + " " + fish(v)));
            }
            case JSON -> out.println(json(values));
            // dotenv readers (docker --env-file, python-dotenv) take the value verbatim up to the end of the line.
            case DOTENV -> values.forEach((k, v) -> out.println(k + "=" + v));
        }
        out.flush();
    }

    private static String single(String v) {
        return "'" + v.replace("'", "'\\''") + "'";
    }

    /** fish: inside single quotes only \\ and ' are special. */
    private static String fish(String v) {
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String json(Map<String, String> values) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
