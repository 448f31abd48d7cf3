package dev.airlock.tls;

import java.util.function.Predicate;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * Accepts an SNI host name exactly when a leaf may be minted for it. Without any matcher JSSE binds no
 * name to a session and resumes a session made for one name when a client offers it under another:
 * the client then talks to "s3" over a session whose certificate (and whose recorded SNI) say "sts"
 * (seen with OpenSSL clients, which offer any session they are handed). With a matcher the name is
 * bound to the session, a different name gets a full handshake, and a refused name ends the
 * handshake with an unrecognized_name alert before any certificate is minted.
 */
final class MintableNameMatcher extends SNIMatcher {

    private final Predicate<HostName> mayMint;

    MintableNameMatcher(Predicate<HostName> mayMint) {
        super(StandardConstants.SNI_HOST_NAME);
        this.mayMint = mayMint;
    }

    @Override
    public boolean matches(SNIServerName serverName) {
        return serverName instanceof SNIHostName
                && HostName.parse(((SNIHostName) serverName).getAsciiName()).filter(mayMint).isPresent();
    }
}
