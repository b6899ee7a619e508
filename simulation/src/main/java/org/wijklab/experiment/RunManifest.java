package org.wijklab.experiment;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code manifest.json}: what produced a run's files, so that any figure can be traced and rerun.
 * Times are UTC ISO-8601; the scenario is the resolved one (defaults filled in) and its SHA-256 is
 * over its canonical JSON.
 */
@JsonPropertyOrder({"program", "version", "gitCommit", "scenarioName", "scenarioSource", "scenarioSha256", "seed",
    "years", "ticks", "residentsRequested", "residentsAtStart", "householdsAtStart", "dwellings", "neighbourhoods",
    "files", "java", "os", "cpus", "startTime", "endTime", "wallSeconds", "commandLine", "scenario"})
public record RunManifest(
        String program,
        String version,
        String gitCommit,
        String scenarioName,
        String scenarioSource,
        String scenarioSha256,
        long seed,
        int years,
        int ticks,
        int residentsRequested,
        long residentsAtStart,
        long householdsAtStart,
        int dwellings,
        int neighbourhoods,
        List<String> files,
        String java,
        String os,
        int cpus,
        String startTime,
        String endTime,
        double wallSeconds,
        String commandLine,
        JsonNode scenario) {
}
