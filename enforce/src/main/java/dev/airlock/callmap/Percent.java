package dev.airlock.callmap;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict percent-decoding: a malformed escape or invalid UTF-8 is an error, never guessed at. */
final class Percent {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Percent() {}

    /**
     * Decodes {@code %XX} escapes. With {@code plusIsSpace} (HTML form bodies) a {@code +} is a
     * space; without it a raw {@code +} is rejected when {@code rejectPlus}, because services
     * disagree on what it means in a URL query, and taken literally otherwise (URL paths).
     */
    static String decode(String s, boolean plusIsSpace, boolean rejectPlus) throws Unmappable {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new Unmappable("truncated percent escape in \"" + s + "\"");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Unmappable("malformed percent escape in \"" + s + "\"");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '+' && rejectPlus) {
                throw new Unmappable("a raw '+' in a query is ambiguous (space or plus); encode it as %2B or %20");
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                    utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.writeBytes(utf8);
            }
        }
        return utf8(bytes.toByteArray());
    }

    /**
     * Encodes {@code s} as a URL path: every UTF-8 byte but the unreserved characters of RFC 3986
     * and {@code /} as {@code %XX}, so that any parser decodes it to {@code s} again.
     */
    static String encodePath(String s) {
        return encode(s, true);
    }

    /** Encodes {@code s} as one path segment or query component: {@code /} is encoded too. */
    static String encodeComponent(String s) {
        return encode(s, false);
    }

    private static String encode(String s, boolean keepSlash) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(utf8.length + 16);
        for (byte b : utf8) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** Decodes strict UTF-8. */
    static String utf8(byte[] bytes) throws Unmappable {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Unmappable("not valid UTF-8");
        }
    }
}
