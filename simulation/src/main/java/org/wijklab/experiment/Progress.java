package org.wijklab.experiment;

/** Told after every finished run of a long command (a sweep, the study, the validation suite). */
public interface Progress {
    void update(int done, int total);

    /** Tells nobody. */
    Progress NONE = (done, total) -> {
    };
}
