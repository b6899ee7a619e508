package org.wijklab.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Mutated JSON documents for the fuzz tests: a real file cut into tokens (strings, numbers,
 * literals, punctuation, white space), then tokens deleted, duplicated, swapped or replaced by
 * odd values (huge, negative, NaN, strings for numbers, long strings, control characters), the
 * document truncated, nested deeply or given stray bytes. Everything follows from one seed, so a
 * failing try is reproduced by its seed.
 */
public final class Mutations {
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?|true|false|null|[{}\\[\\]:,]|\\s+|.");

    static final String[] NUMBERS = {"0", "-1", "-0", "1e308", "-1e308", "1e400", "1e-400", "NaN", "Infinity", "-Infinity",
        "9".repeat(30), "9".repeat(120), "2147483648", "-2147483649", "9223372036854775808", "0.5e", "1.", ".5", "0x10",
        "\"1\"", "\"\"", "true", "null", "[]", "{}", "[1,2,3]", "1e5", "123456789", "-999999999", "0.000001"};
    static final String[] STRINGS = {"\"\"", "\" \"", "\"a\\nb\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"a\\u2028b\"",
        "\"\\ud800\"", "\"é\"", "\"a,b\"", "\"a\\\"b\"", "\"../../etc/passwd\"", "\"/proc/x\"", "\"NaN\"", "\"1e308\"",
        "1", "null", "[]", "{}", "\"" + "x".repeat(5000) + "\"", "\"\\t\"", "\"a\\rb\"", "\"*\"", "\"[*]\""};
    static final String[] JUNK = {"{", "}", "[", "]", ",", ":", "\"", "\\", "//", "/*", "\u0000", "\u0007", "\n", "\ufeff",
        "\ud800", "NaN", "'", "#", "\u2028", "1e99999", "{\"a\":", "]]]]", "}}}}"};

    private Mutations() {
    }

    /** The texts of files in a folder whose names match a glob, e.g. scenarios/*.json. */
    public static List<String> read(Path dir, String glob) {
        List<String> out = new ArrayList<>();
        try (var s = Files.newDirectoryStream(dir, glob)) {
            for (Path p : s) {
                out.add(Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** One to five mutations of a document, chosen by the seed. */
    public static String mutate(String text, long seed) {
        Random r = new Random(seed);
        List<String> t = tokens(text);
        int n = 1 + r.nextInt(5);
        for (int k = 0; k < n && !t.isEmpty(); k++) {
            int i = r.nextInt(t.size());
            String tok = t.get(i);
            switch (r.nextInt(12)) {
                case 0 -> t.remove(i);
                case 1 -> t.add(i, tok);
                case 2 -> {
                    int j = r.nextInt(t.size());
                    t.set(i, t.get(j));
                    t.set(j, tok);
                }
                case 3, 4, 5 -> {
                    // a number or a string replaced by an odd value (the commonest mutation)
                    int at = find(t, r, i, k % 2 == 0);
                    if (at >= 0) {
                        t.set(at, t.get(at).startsWith("\"") ? pick(r, STRINGS) : pick(r, NUMBERS));
                    }
                }
                case 6 -> t.add(i, pick(r, JUNK));
                case 7 -> {
                    // truncated
                    t = new ArrayList<>(t.subList(0, i));
                }
                case 8 -> {
                    // a value wrapped in deep nesting
                    int depth = 1 + r.nextInt(r.nextBoolean() ? 10 : 2000);
                    t.set(i, "[".repeat(depth) + tok + "]".repeat(depth));
                }
                case 9 -> t.set(i, "\"" + "w".repeat(1 + r.nextInt(200_000)) + "\"");
                case 10 -> {
                    // a whole object or list duplicated after itself
                    int at = indexOf(t, r.nextBoolean() ? "{" : "[", i);
                    int end = at < 0 ? -1 : matching(t, at);
                    if (end > at) {
                        List<String> copy = new ArrayList<>(t.subList(at, end + 1));
                        t.add(end + 1, ",");
                        t.addAll(end + 2, copy);
                    }
                }
                default -> {
                    // a field renamed
                    int at = find(t, r, i, false);
                    if (at >= 0) {
                        t.set(at, "\"" + t.get(at).replace("\"", "") + (r.nextBoolean() ? "x" : "") + "\"");
                        if (r.nextBoolean()) {
                            t.set(at, "\"" + Character.toUpperCase(t.get(at).charAt(1)) + t.get(at).substring(2));
                        }
                    }
                }
            }
        }
        return String.join("", t);
    }

    private static int find(List<String> t, Random r, int from, boolean number) {
        for (int k = 0; k < t.size(); k++) {
            int at = (from + k) % t.size();
            String s = t.get(at);
            if (number ? s.matches("-?\\d.*") : s.startsWith("\"")) {
                return at;
            }
        }
        return -1;
    }

    private static int indexOf(List<String> t, String what, int from) {
        for (int k = from; k < t.size(); k++) {
            if (t.get(k).equals(what)) {
                return k;
            }
        }
        return -1;
    }

    private static int matching(List<String> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            String s = t.get(k);
            if (s.equals("{") || s.equals("[")) {
                depth++;
            } else if (s.equals("}") || s.equals("]")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return -1;
    }

    public static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** A random document of JSON-ish tokens (often not JSON at all). */
    public static String random(long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(60);
        String[][] pools = {NUMBERS, STRINGS, JUNK, {"{", "}", "[", "]", ",", ":", "\"name\"", "\"city\"", "\"programmes\"",
            "\"years\"", "\"residents\"", "\"sweep\"", "\"parameters\""}};
        for (int k = 0; k < n; k++) {
            sb.append(pick(r, pools[r.nextInt(pools.length)]));
        }
        return sb.toString();
    }

    /** Every line of a text: the assertion that a message is one line. */
    public static boolean oneLine(String message) {
        return message != null && !message.isBlank() && Stream.of("\n", "\r", "\u2028", "\u2029", "\u0085")
                .noneMatch(message::contains);
    }
}
