package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.PolicyEffects;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;

/**
 * Resident initiatives, per programme and target, every month from the programme's start on (also
 * after it ended): one starts with ownership support and facilities, more readily while a best
 * person is active and while the programme runs; each closes with a monthly chance, less readily
 * with a best person and while the programme runs. The running ones add to cohesion, job finding
 * (volunteer roles), children's learning and local jobs. docs/ODD.md §7.2 (c). The count per
 * neighbourhood lives in the run ({@link Programmes.Run#initiatives}), where the observation reads it.
 */
final class Initiatives implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final WijkLabModel model;

    Initiatives(WijkLabModel model) {
        this.model = model;
    }

    /** At the start: none running. */
    void begin(Programmes.Run run) {
        run.initiatives = new int[model.neighbourhoods().count];
    }

    /** A month for the run's initiatives, target by target; {@code active}: the programme runs. */
    void step(Programmes.Run run, boolean active) {
        Policy.Initiatives p = model.scenario().policy().initiatives();
        Neighbourhoods nb = model.neighbourhoods();
        PolicyEffects fx = model.effects();
        MersenneTwisterFast random = model.random;
        for (int j : run.targets) {
            boolean bp = BestPersons.active(run, j);
            double start = p.startRate() / 12.0 * run.spec.ownershipSupport() * nb.facilities[j] * (bp ? 1.0 : 0.2)
                    * (active ? 1.0 : 0.5);
            if (run.initiatives[j] < p.maxPerTarget() && random.nextDouble() < start) {
                run.initiatives[j]++;
            }
            double close = p.closeRate() / 12.0 * (bp ? 0.3 : 1.0) * (active ? 0.5 : 1.0);
            for (int k = run.initiatives[j]; k > 0; k--) {
                if (random.nextDouble() < close) {
                    run.initiatives[j]--;
                }
            }
            int n = run.initiatives[j];
            fx.cohesion[j] += p.cohesionEffect() * n;
            fx.jobFinding[j] += p.activation() * n;
            fx.educationUp[j] += p.learning() * n;
            double unemployed = Math.max(1, model.observation().unemployed(j));
            // local jobs turn over about once in two years
            fx.localJobs[j] += p.jobs() * n * 0.5 / 12.0 / unemployed;
        }
    }
}
