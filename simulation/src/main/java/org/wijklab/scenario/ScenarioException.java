package org.wijklab.scenario;

/**
 * A user mistake in a scenario: the message is one line that names the field and the problem,
 * ready to print without a stack trace.
 */
public final class ScenarioException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message, null, false, false);
    }
}
