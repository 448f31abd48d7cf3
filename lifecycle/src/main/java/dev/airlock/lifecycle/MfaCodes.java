package dev.airlock.lifecycle;

import dev.airlock.audit.AuditLog;
import dev.airlock.config.Profile;
import dev.airlock.session.SessionCredentials;
import dev.airlock.session.StsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The MFA code a session needs: where it comes from, what is said when there is none, and the audit of an MFA session. */
public final class MfaCodes {

    private MfaCodes() {}

    /**
     * {@code --mfa-code}, else asked for on the terminal (the invoker's: its console, else its
     * controlling terminal, as under {@code credential_process}).
     *
     * @throws StsException MFA_FAILED when there is no code and nowhere to ask, saying how to prime the helper
     */
    public static String obtain(Optional<String> given, Profile profile, String serial) {
        String code = given.or(() -> Invocation.current().prompter().secret(Invocation.MFA_PROMPT))
                .orElseThrow(() -> new StsException(StsException.Kind.MFA_FAILED, "no MFA code",
                        AwsProfiles.describe(profile) + " requires MFA (" + serial + ") and there is no terminal to "
                                + "ask for a code on; log in first with: " + loginCommand(profile)
                                + " (the helper then holds an MFA session), or pass --mfa-code CODE"));
        if (!code.matches("\\d{6}")) {
            throw new StsException(StsException.Kind.MFA_FAILED, "malformed MFA code",
                    "the MFA code must be the 6 digits your device shows now");
        }
        return code;
    }

    public static String loginCommand(Profile profile) {
        return profile.name().startsWith("aws:") ? "airlock login --aws-profile " + profile.name().substring(4)
                : profile.name().startsWith("(") ? "airlock login --role ARN" : "airlock login --profile " + profile.name();
    }

    /** STS gives MFA sessions (GetSessionToken) only to long-term keys, not to role or SSO sessions. */
    public static boolean temporaryBase(StsException e) {
        return e.getMessage().contains("GetSessionToken with session credentials");
    }

    /** One {@code mfa.session} event: which device, which key (never its secret), until when. */
    public static void audit(AuditLog audit, Profile profile, String serial, SessionCredentials c, String by) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("profile", profile.name());
        f.put("source", profile.source().toString());
        f.put("mfaSerial", serial);
        f.put("keyId", c.accessKeyId());
        f.put("expires", c.expiration());
        f.put("by", by);
        audit.append("mfa.session", Optional.empty(), f);
    }
}
