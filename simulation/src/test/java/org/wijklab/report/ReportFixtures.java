package org.wijklab.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wijklab.experiment.Runner;
import org.wijklab.scenario.Overrides;
import org.wijklab.scenario.Scenario;
import org.wijklab.scenario.ScenarioLoader;

/** Small finished runs for the report tests: a city of 5,000 residents, 4 recorded years after a 2-year warm-up. */
final class ReportFixtures {
    static final String BASE = """
            {"name": "%s", "seed": 1, "years": 4, "warmUpYears": 2, "city": {"residents": 5000}%s}""";
    static final String PROGRAMME = """
            , "programmes": [{"name": "p", "targets": {"weakest": 3}, "startYear": 1, "durationYears": 2,
              "yearlyBudget": 1500000, "themes": {"work": 0.3, "health": 0.2, "safety": 0.3},
              "team": {"budgetShare": 0.2, "mode": "integral", "areaResidents": 5000, "proximity": 0.7}}]""";

    private ReportFixtures() {
    }

    static Scenario baseline(String name) {
        return ScenarioLoader.fromJson(BASE.formatted(name, ""), name + ".json");
    }

    static Scenario programme(String name) {
        return ScenarioLoader.fromJson(BASE.formatted(name, PROGRAMME), name + ".json");
    }

    /** Runs the scenario with seeds 1..replications into dir/name/seed-S; returns the run folders. */
    static List<Path> run(Scenario s, int replications, Path dir) {
        List<Path> out = new ArrayList<>();
        for (int r = 0; r < replications; r++) {
            Scenario job = s.withSeed(1 + r);
            Path d = dir.resolve(s.name()).resolve("seed-" + job.seed());
            Runner.run(job, "fixture", d, "test");
            out.add(d);
        }
        return out;
    }

    static Scenario with(Scenario s, String... sets) {
        return Overrides.parse(List.of(sets)).apply(s);
    }
}
