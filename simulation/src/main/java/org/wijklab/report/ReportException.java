package org.wijklab.report;

/** A problem with the report's inputs (a missing or malformed folder or file): one line, a user error. */
public final class ReportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportException(String message) {
        super(org.wijklab.scenario.ScenarioException.oneLine(message), null, false, false);
    }
}
