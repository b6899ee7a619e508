package org.wijklab.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The replications of one scenario among the inputs: runs with the same scenario key, ordered by seed. */
public final class ScenarioGroup {
    private final String name;
    private final String key;
    private final List<RunFolder> runs = new ArrayList<>();

    ScenarioGroup(String name, String key) {
        this.name = name;
        this.key = key;
    }

    void add(RunFolder run) {
        for (RunFolder r : runs) {
            if (r.seed() == run.seed()) {
                throw new ReportException(r.dir() + " and " + run.dir() + ": the same scenario '" + name
                        + "' with the same seed " + run.seed() + " twice");
            }
        }
        runs.add(run);
        runs.sort((a, b) -> Long.compare(a.seed(), b.seed()));
    }

    /** The scenario's name; a second scenario of the same name gets " (2)" and so on. */
    public String name() {
        return name;
    }

    public String key() {
        return key;
    }

    public List<RunFolder> runs() {
        return Collections.unmodifiableList(runs);
    }

    public List<Long> seeds() {
        return runs.stream().map(RunFolder::seed).toList();
    }

    public RunFolder first() {
        return runs.get(0);
    }
}
