package org.wijklab.cli;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.wijklab.scenario.ScenarioException;
import picocli.CommandLine;

/**
 * A path given on the command line, and what to say when it is not one: the file system refuses
 * it (a NUL character), or the JVM cannot encode it in the locale's character set (a non-ASCII
 * name under LC_ALL=C, where Java's own message, "Malformed input or input contains unmappable
 * characters", does not say that the locale is the cause).
 */
final class PathArgument {
    private PathArgument() {
    }

    /** The converter's refusal; the parameter exception handler puts the option's name and value before it. */
    static final class Unusable extends CommandLine.TypeConversionException {
        private static final long serialVersionUID = 1L;

        Unusable(String reason) {
            super(reason);
        }
    }

    /** The picocli converter of {@link Path} values. */
    static Path of(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Unusable(reason(text, e));
        }
    }

    /** Why {@code text} is not a usable path, the locale named when it is the cause. */
    static String reason(String text, Throwable e) {
        if (!encodable(text)) {
            return "the path cannot be encoded in the current locale (" + locale()
                    + "); use a UTF-8 locale such as C.UTF-8 (export LC_ALL=C.UTF-8)";
        }
        String why = e instanceof InvalidPathException i ? i.getReason() : e.getMessage();
        return "not a usable path (" + ScenarioException.oneLine(why) + ")";
    }

    /** The message of a path argument that cannot be used: {@code --out VALUE: reason}. */
    static String message(String name, String value, String reason) {
        return name + " " + ScenarioException.oneLine(value) + ": " + reason;
    }

    /**
     * Whether the JVM can name {@code text} to the operating system in this locale (in sun.jnu.encoding,
     * the locale's character set); text that no character set can encode (a lone surrogate) counts as
     * encodable here, as the locale is not its fault.
     */
    static boolean encodable(String text) {
        if (text == null || !StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            return true;
        }
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name())).newEncoder().canEncode(text);
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The locale setting that decides the character set (LC_ALL, then LC_CTYPE, then LANG) and that set's name. */
    static String locale() {
        String setting = null;
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String v = System.getenv(name);
            if (v != null && !v.isEmpty()) {
                setting = name + "=" + v;
                break;
            }
        }
        return (setting == null ? "no LC_ALL, LC_CTYPE or LANG set" : setting) + ", character set "
                + System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name());
    }
}
