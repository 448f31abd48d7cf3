package dev.airlock.proxy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code host:port} authority as a CONNECT target or an absolute request target names it: a DNS
 * name or IP literal (lower case) and a port. No user-info, no empty port.
 */
record Authority(String host, int port) {

    private static final Pattern FORM = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[A-Za-z0-9._-]+)(?::(\\d{1,5}))?");

    static Optional<Authority> parse(String text) {
        return parse(text, -1);
    }

    /** {@code text}, with {@code defaultPort} when it names none (-1: a port is required). */
    static Optional<Authority> parse(String text, int defaultPort) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int port = m.group(2) == null ? defaultPort : Integer.parseInt(m.group(2));
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(new Authority(m.group(1).toLowerCase(Locale.ROOT), port));
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
