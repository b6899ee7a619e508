package org.wijklab.scenario;

/**
 * A user mistake in a scenario: the message is one line that names the field and the problem,
 * ready to print without a stack trace. Control characters in it (a newline in a name the user
 * gave, say) are shown escaped, so that it stays one line.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(oneLine(message), null, false, false);
    }

    /**
     * A text as one printable line: control and format characters and line or paragraph separators
     * shown as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}; a text longer than
     * {@link #MAX_LENGTH} characters has its middle left out.
     */
    public static String oneLine(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean odd = Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || Character.getType(c) == Character.FORMAT;
            if (odd && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb == null) {
                continue;
            }
            if (!odd) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        String line = sb == null ? text : sb.toString();
        // a value quoted in a message (a 100,000-character name, say) is cut in the middle
        return line.length() <= MAX_LENGTH ? line
                : line.substring(0, 600) + " ...(" + (line.length() - 900) + " characters left out)... "
                        + line.substring(line.length() - 300);
    }

    /** The longest message: enough for any message of the program's own, with a quoted value or two. */
    public static final int MAX_LENGTH = 1000;
}
