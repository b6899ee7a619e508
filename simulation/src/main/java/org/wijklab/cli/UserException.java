package org.wijklab.cli;

/** A user mistake outside a scenario file (a flag, a folder): printed as one line, exit code 2. */
public final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserException(String message) {
        super(org.wijklab.scenario.ScenarioException.oneLine(message), null, false, false);
    }
}
