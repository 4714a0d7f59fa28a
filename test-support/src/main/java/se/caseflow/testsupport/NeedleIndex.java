package se.caseflow.testsupport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds every needle in a text in one pass per needle length (a rolling hash of each window, checked against the
 * needles of that length), so tens of thousands of HMAC needles cost no more than a handful.
 */
final class NeedleIndex {

    private static final long BASE = 1_000_003L;
    private static final int SHORT_DIGITS = 8;

    private record Needle(String value, String form, boolean digitsOnly) {}

    /** Needles by length, then by hash. */
    private final Map<Integer, Map<Long, List<Needle>>> byLength = new HashMap<>();

    private final Map<Integer, Long> highestPower = new HashMap<>();

    NeedleIndex(Needles needles) {
        needles.forms().forEach((value, form) -> {
            Needle needle = new Needle(value, form, value.chars().allMatch(Character::isDigit));
            byLength.computeIfAbsent(value.length(), length -> new HashMap<>())
                    .computeIfAbsent(hash(value, 0, value.length()), hash -> new ArrayList<>())
                    .add(needle);
        });
        byLength.keySet().forEach(length -> highestPower.put(length, power(length - 1)));
    }

    /** The forms of every needle found in {@code text}, ignoring case. */
    Set<String> find(String text) {
        String haystack = text.toLowerCase(Locale.ROOT);
        Set<String> found = new LinkedHashSet<>();
        byLength.forEach((length, needles) -> {
            if (haystack.length() < length) {
                return;
            }
            long hash = hash(haystack, 0, length);
            long power = highestPower.get(length);
            for (int start = 0; ; start++) {
                List<Needle> candidates = needles.get(hash);
                if (candidates != null) {
                    for (Needle needle : candidates) {
                        if (haystack.startsWith(needle.value(), start) && standsAlone(haystack, start, needle)) {
                            found.add(needle.form());
                        }
                    }
                }
                int end = start + length;
                if (end >= haystack.length()) {
                    break;
                }
                hash = (hash - haystack.charAt(start) * power) * BASE + haystack.charAt(end);
            }
        });
        return found;
    }

    /**
     * A needle of digits only does not count inside a longer run of digits; one of under {@value #SHORT_DIGITS}
     * digits (a birth date as {@code yyMMdd}) not next to a letter either, since ids in hex hold such runs by chance.
     */
    private static boolean standsAlone(String haystack, int start, Needle needle) {
        if (!needle.digitsOnly()) {
            return true;
        }
        int end = start + needle.value().length();
        boolean strict = needle.value().length() < SHORT_DIGITS;
        return (start == 0 || !joins(haystack.charAt(start - 1), strict))
                && (end == haystack.length() || !joins(haystack.charAt(end), strict));
    }

    private static boolean joins(char neighbour, boolean strict) {
        return strict ? Character.isLetterOrDigit(neighbour) : Character.isDigit(neighbour);
    }

    private static long hash(String text, int from, int to) {
        long hash = 0;
        for (int i = from; i < to; i++) {
            hash = hash * BASE + text.charAt(i);
        }
        return hash;
    }

    private static long power(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= BASE;
        }
        return result;
    }
}
