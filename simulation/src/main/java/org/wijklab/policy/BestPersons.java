package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * Best persons, per programme and target, every month from the programme's start on (also after
 * it ended): a plan's own best persons are there from the start unless the plan is copied; an
 * active best person's energy is drained by resistance (less with protection, more beside a
 * fragmented team, doubled once the programme stopped) and recharged by room to act, and who runs
 * out is exhausted; an active one may leave; an exhausted one returns with the programme's
 * protection or leaves, leaving a legacy that decays; new ones emerge with ownership support and
 * room to act. Their presence multiplies the themes and the team's treatment and adds to cohesion.
 * docs/ODD.md §7.2 (b). The state lives in the run ({@link Programmes.Run#bpStatus} and the other
 * {@code bp} arrays, per neighbourhood), where the observation and the GUI read it.
 */
final class BestPersons implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Best-person status per target (also {@link Programmes#BP_NONE} etc.). */
    static final byte NONE = 0;
    static final byte ACTIVE = 1;
    static final byte EXHAUSTED = 2;
    static final byte LEFT = 3;

    private final WijkLabModel model;

    BestPersons(WijkLabModel model) {
        this.model = model;
    }

    /** At the start: the arrays, and the plan's own best persons, who built it, if it is not copied. */
    void begin(Programmes.Run run, int tick) {
        int n = model.neighbourhoods().count;
        run.bpStatus = new byte[n];
        run.bpEnergy = new double[n];
        run.bpSince = new int[n];
        run.bpLegacy = new double[n];
        run.bpLeftCount = new int[n];
        Programme.BestPersons bp = run.spec.bestPersons();
        if (bp.present() && !run.spec.copied()) {
            for (int j : run.targets) {
                run.bpStatus[j] = ACTIVE;
                run.bpEnergy[j] = 1.0;
                run.bpSince[j] = tick;
            }
        }
    }

    /** A month for the run's best persons, target by target; {@code active}: the programme runs. */
    void step(Programmes.Run run, boolean active, int tick) {
        Policy.BestPersonParams p = model.scenario().policy().bestPersons();
        Programme.BestPersons bp = run.spec.bestPersons();
        MersenneTwisterFast random = model.random;
        boolean fragmented = run.spec.team().exists() && !run.spec.team().integral();
        double decay = Math.exp(-1.0 / (12.0 * p.legacyYears()));
        for (int j : run.targets) {
            switch (run.bpStatus[j]) {
                case ACTIVE -> {
                    double drain = p.resistance() * (1.0 - bp.protection()) + (fragmented ? p.fragmentedResistance() : 0.0);
                    if (!active) {
                        drain *= 2; // no programme behind them any more
                    }
                    run.bpEnergy[j] += (p.recharge() * bp.roomToAct() - drain) / 12.0;
                    run.bpEnergy[j] = Math.min(1.0, run.bpEnergy[j]);
                    if (run.bpEnergy[j] < p.burnoutEnergy()) {
                        run.bpStatus[j] = EXHAUSTED;
                        run.bpSince[j] = tick;
                    } else if (random.nextDouble() < p.leaveRate() / 12.0) {
                        leave(run, j);
                    }
                }
                case EXHAUSTED -> {
                    run.bpLegacy[j] *= decay;
                    if (tick - run.bpSince[j] >= 12.0 * p.exhaustedYears()) {
                        if (active && random.nextDouble() < bp.protection()) {
                            run.bpStatus[j] = ACTIVE;
                            run.bpEnergy[j] = 0.5;
                            run.bpSince[j] = tick;
                        } else {
                            leave(run, j);
                        }
                    }
                }
                default -> {
                    run.bpLegacy[j] *= decay;
                    double conditions = 0.5 * (run.spec.ownershipSupport() + bp.roomToAct());
                    if (active && bp.present() && random.nextDouble() < p.emergence() / 12.0 * conditions) {
                        run.bpStatus[j] = ACTIVE;
                        run.bpEnergy[j] = 1.0;
                        run.bpSince[j] = tick;
                    }
                }
            }
            if (run.bpStatus[j] == ACTIVE) {
                model.effects().cohesion[j] += p.cohesionBoost();
            } else {
                model.effects().cohesion[j] += p.cohesionBoost() * run.bpLegacy[j];
            }
        }
    }

    private static void leave(Programmes.Run run, int j) {
        run.bpStatus[j] = LEFT;
        run.bpLegacy[j] = 1.0;
        run.bpLeftCount[j]++;
    }

    /** 1 while a best person is active, their decaying legacy afterwards, half while exhausted. */
    static double presence(Programmes.Run run, int j) {
        return switch (run.bpStatus[j]) {
            case ACTIVE -> 1.0;
            case EXHAUSTED -> Math.max(0.5, run.bpLegacy[j]);
            default -> run.bpLegacy[j];
        };
    }

    /** Whether a best person is active in target j now. */
    static boolean active(Programmes.Run run, int j) {
        return run.bpStatus[j] == ACTIVE;
    }
}
