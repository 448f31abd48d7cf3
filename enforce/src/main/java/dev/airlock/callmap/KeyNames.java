package dev.airlock.callmap;

import java.util.Collection;
import java.util.Locale;

/**
 * Condition key names as the catalog spells them: literal ({@code s3:prefix}) or templates whose
 * tail is any key ({@code aws:ResourceTag/${TagKey}}, {@code s3:RequestObjectTag/<key>},
 * {@code ssm:resourceTag/tag-key}, {@code kms:EncryptionContext:${EncryptionContextKey}}).
 */
final class KeyNames {

    private KeyNames() {}

    /** The lower-cased literal prefix of a template key, or the whole lower-cased key. */
    static String stem(String catalogKey) {
        String lower = catalogKey.toLowerCase(Locale.ROOT);
        int cut = lower.indexOf("${");
        if (cut < 0) {
            cut = lower.indexOf('<');
        }
        if (cut < 0 && lower.endsWith("/tag-key")) {
            cut = lower.length() - "tag-key".length();
        }
        return cut < 0 ? lower : lower.substring(0, cut);
    }

    static boolean isTemplate(String catalogKey) {
        return !stem(catalogKey).equals(catalogKey.toLowerCase(Locale.ROOT));
    }

    /** Whether the concrete key {@code key} is an instance of {@code catalogKey}. */
    static boolean instanceOf(String key, String catalogKey) {
        String lower = key.toLowerCase(Locale.ROOT);
        String stem = stem(catalogKey);
        return isTemplate(catalogKey) ? lower.startsWith(stem) && lower.length() > stem.length() : lower.equals(stem);
    }

    /** Whether {@code key} is an instance of any of {@code catalogKeys}. */
    static boolean listed(String key, Collection<String> catalogKeys) {
        for (String k : catalogKeys) {
            if (instanceOf(key, k)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether two key names can denote the same key: equal, or one a template the other fits, or
     * both templates with overlapping stems.
     */
    static boolean overlap(String a, String b) {
        boolean ta = isTemplate(a);
        boolean tb = isTemplate(b);
        if (!ta && !tb) {
            return a.equalsIgnoreCase(b);
        }
        if (ta && tb) {
            String sa = stem(a);
            String sb = stem(b);
            return sa.startsWith(sb) || sb.startsWith(sa);
        }
        return ta ? instanceOf(b, a) : instanceOf(a, b);
    }
}
