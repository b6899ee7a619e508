package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import org.wijklab.model.Households;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Persons;
import org.wijklab.model.Tenure;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;
import org.wijklab.scenario.Programme;

/**
 * Best persons are residents: adults of a programme's targets, each with its state, energy, the
 * month it began and the programme it acts for in {@link Persons} ({@link Persons#bpState} and the
 * other {@code bp} arrays, which travel with the person). docs/ODD.md §7.2 (b).
 *
 * <p>Who: an adult qualifies by {@code ties · education · health · stake · example · room} (each in
 * [0, 1], {@link #qualification}). At an original plan's start the {@code originators} best
 * qualified adults of each target wrote it and are active with full energy; a copied plan has no
 * originators (nobody in the new place took part in writing it). While the programme runs, every
 * adult of a target becomes one with the monthly hazard {@code emergence / 12 · qualification}.
 *
 * <p>Energy, a month: {@code + (recharge · protection − resistance · (1 − protection)
 * − fragmentedResistance − workload · members carried) / 12 + success · members recruited}, the
 * drain doubled and no recharge once the programme ended. Below {@code burnoutEnergy} a best person
 * rests for {@code exhaustedYears}; then, while the programme runs, returns with a chance equal to
 * the protection (energy 0.5), else stops (lost by burnout). A best person whose household leaves
 * the neighbourhood (or the city) is lost to it (lost by moving); one who dies is lost too.
 *
 * <p>The roster (every best person a programme had, by entry: person slot and id, programme,
 * neighbourhood) lets the monthly pass visit them without scanning every person; the run's
 * per-neighbourhood summary ({@link Programmes.Run#bpStatus} and the rest) is what the team, the
 * observation and the GUI read.
 */
final class BestPersons implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Summary status per target ({@link Programmes.Run#bpStatus}; also {@link Programmes#BP_NONE} etc.). */
    static final byte NONE = 0;
    static final byte ACTIVE = 1;
    static final byte EXHAUSTED = 2;
    static final byte LEFT = 3;

    private final WijkLabModel model;

    /** The roster, by entry. */
    int count;
    int[] slot = new int[16];
    int[] id = new int[16];
    int[] run = new int[16];
    int[] hood = new int[16];
    /** The entry ended (lost by moving, burnout or death). */
    boolean[] gone = new boolean[16];
    /** The initiative the best person carries (-1 none), its members and its recruits last month (set by {@link Initiatives}). */
    int[] carrying = new int[16];
    int[] carried = new int[16];
    int[] recruited = new int[16];

    /** The live households of each target of the run being stepped, this month (also for {@link Initiatives}). */
    int[][] householdsOf = new int[0][];
    int[] householdCount = new int[0];

    BestPersons(WijkLabModel model) {
        this.model = model;
    }

    /** At the start: the run's summary arrays and, for an original plan, its originators. */
    void begin(Programmes.Run r, int tick) {
        int n = model.neighbourhoods().count;
        r.bpStatus = new byte[n];
        r.bpEnergy = new double[n];
        r.bpLeftCount = new int[n];
        r.bpActive = new int[n];
        r.bpResting = new int[n];
        r.bpLostMoving = new int[n];
        r.bpLostBurnout = new int[n];
        r.bpDied = new int[n];
        r.bpFirstLoss = new int[n];
        Arrays.fill(r.bpFirstLoss, -1);
        r.bpReach = new double[n];
        listHouseholds(r);
        int k = model.scenario().policy().bestPersons().originators();
        if (!r.spec.copied() && k > 0) {
            for (int j : r.targets) {
                originators(r, j, k, tick);
            }
        }
        summarise(r);
    }

    /** The k best qualified adults of target j who are no best person yet, if they qualify at all. */
    private void originators(Programmes.Run r, int j, int k, int tick) {
        Households h = model.households();
        Persons ps = model.persons();
        int[] best = new int[k];
        double[] score = new double[k];
        int found = 0;
        double room = room(r);
        for (int i = 0; i < householdCount[j]; i++) {
            int s = householdsOf[j][i];
            for (int a = 0; a < h.adults[s]; a++) {
                int p = h.adultPerson[2 * s + a];
                if (p < 0 || ps.bpState[p] != Persons.BP_NONE) {
                    continue;
                }
                double q = qualification(s, a, tick, 1.0, room);
                if (q <= 0 || (found == k && q <= score[k - 1])) {
                    continue;
                }
                // insertion into the best k, highest first; equal scores keep slot order
                int at = found < k ? found++ : k - 1;
                while (at > 0 && score[at - 1] < q) {
                    score[at] = score[at - 1];
                    best[at] = best[at - 1];
                    at--;
                }
                score[at] = q;
                best[at] = p;
            }
        }
        for (int i = 0; i < found; i++) {
            enrol(r, best[i], j, tick);
        }
    }

    /**
     * How far adult a of household s qualifies, in [0, 1]: its household's local ties
     * ({@link WijkLabModel#ties(int, int)}), education ((1 + level) / 3), good mental health (1, else
     * 0), a stake ((1 + children at home + owner occupation) / 3), an example nearby (given) and the
     * programme's room (given).
     */
    double qualification(int s, int a, int tick, double example, double room) {
        Households h = model.households();
        int k = 2 * s + a;
        if (h.mental[k] != Households.GOOD) {
            return 0.0;
        }
        double ties = model.ties(s, tick);
        double education = (1 + h.adultEducation[k]) / 3.0;
        double stake = (1 + (h.children[s] > 0 ? 1 : 0) + (h.tenure[s] == Tenure.OWNER ? 1 : 0)) / 3.0;
        return ties * education * stake * example * room;
    }

    /** The programme's room: room to act, times (1 + ownership support) / 2. */
    private static double room(Programmes.Run r) {
        return r.spec.bestPersons().roomToAct() * (1.0 + r.spec.ownershipSupport()) / 2.0;
    }

    private void enrol(Programmes.Run r, int p, int j, int tick) {
        Persons ps = model.persons();
        ps.bpState[p] = Persons.BP_ACTIVE;
        ps.bpEnergy[p] = 1f;
        ps.bpSince[p] = Persons.month(tick);
        ps.bpProgramme[p] = (byte) Math.min(127, r.index);
        ps.bpRestLeft[p] = 0;
        if (count == slot.length) {
            int n = 2 * count;
            slot = Arrays.copyOf(slot, n);
            id = Arrays.copyOf(id, n);
            run = Arrays.copyOf(run, n);
            hood = Arrays.copyOf(hood, n);
            gone = Arrays.copyOf(gone, n);
            carrying = Arrays.copyOf(carrying, n);
            carried = Arrays.copyOf(carried, n);
            recruited = Arrays.copyOf(recruited, n);
        }
        slot[count] = p;
        id[count] = ps.id[p];
        run[count] = r.index;
        hood[count] = j;
        gone[count] = false;
        carrying[count] = -1;
        carried[count] = 0;
        recruited[count] = 0;
        count++;
        r.bpActive[j]++;
    }

    /** A month for the run's best persons; {@code active}: the programme runs. */
    void step(Programmes.Run r, boolean active, int tick) {
        Policy.BestPersonParams p = model.scenario().policy().bestPersons();
        Programme.BestPersons bp = r.spec.bestPersons();
        Persons ps = model.persons();
        Households h = model.households();
        MersenneTwisterFast random = model.random;
        boolean fragmented = r.spec.team().exists() && !r.spec.team().integral();
        listHouseholds(r);
        for (int e = 0; e < count; e++) {
            if (run[e] != r.index || gone[e]) {
                continue;
            }
            int q = slot[e];
            int j = hood[e];
            boolean same = ps.id[q] == id[e];
            if (!same || ps.place[q] != Persons.CITY || h.hood[ps.household[q]] != j) {
                if (same && ps.place[q] == Persons.DEAD) {
                    r.bpDied[j]++;
                } else {
                    r.bpLostMoving[j]++;
                }
                if (same) {
                    ps.bpState[q] = Persons.BP_STOPPED;
                }
                lose(r, e, tick);
                continue;
            }
            if (ps.bpState[q] == Persons.BP_ACTIVE) {
                double drain = p.resistance() * (1.0 - bp.protection()) + (fragmented ? p.fragmentedResistance() : 0.0)
                        + p.workload() * carried[e];
                double restore = p.recharge() * bp.protection();
                if (!active) {
                    drain *= 2; // no programme behind them any more
                    restore = 0;
                }
                double energy = ps.bpEnergy[q] + (restore - drain) / 12.0 + p.success() * recruited[e];
                ps.bpEnergy[q] = (float) Math.min(1.0, energy);
                if (energy < p.burnoutEnergy()) {
                    ps.bpState[q] = Persons.BP_RESTING;
                    ps.bpRestLeft[q] = (byte) Math.min(120, Math.max(1, Math.round(12 * p.exhaustedYears())));
                    if (r.bpFirstLoss[j] < 0) {
                        r.bpFirstLoss[j] = tick;
                    }
                }
            } else if (ps.bpState[q] == Persons.BP_RESTING) {
                if (--ps.bpRestLeft[q] <= 0) {
                    if (active && random.nextDouble() < bp.protection()) {
                        ps.bpState[q] = Persons.BP_ACTIVE;
                        ps.bpEnergy[q] = 0.5f;
                    } else {
                        ps.bpState[q] = Persons.BP_STOPPED;
                        r.bpLostBurnout[j]++;
                        lose(r, e, tick);
                    }
                }
            }
        }
        count(r);
        if (active && p.emergence() > 0) {
            emerge(r, p.emergence(), tick);
        }
        summarise(r);
    }

    private void lose(Programmes.Run r, int e, int tick) {
        gone[e] = true;
        int j = hood[e];
        r.bpLeftCount[j]++;
        if (r.bpFirstLoss[j] < 0) {
            r.bpFirstLoss[j] = tick;
        }
    }

    /** New best persons among the targets' adults, by the monthly hazard emergence / 12 · qualification. */
    private void emerge(Programmes.Run r, double emergence, int tick) {
        Households h = model.households();
        Persons ps = model.persons();
        Neighbourhoods nb = model.neighbourhoods();
        MersenneTwisterFast random = model.random;
        double room = room(r);
        if (room <= 0) {
            return;
        }
        int[] before = r.bpActive.clone();
        for (int j : r.targets) {
            boolean near = before[j] > 0;
            for (int i : nb.neighbours[j]) {
                near |= before[i] > 0;
            }
            double example = near ? 1.0 : 0.5;
            double rate = emergence / 12.0;
            for (int i = 0; i < householdCount[j]; i++) {
                int s = householdsOf[j][i];
                for (int a = 0; a < h.adults[s]; a++) {
                    int p = h.adultPerson[2 * s + a];
                    if (p < 0 || ps.bpState[p] != Persons.BP_NONE) {
                        continue;
                    }
                    double hazard = rate * qualification(s, a, tick, example, room);
                    if (hazard > 0 && random.nextDouble() < hazard) {
                        enrol(r, p, j, tick);
                    }
                }
            }
        }
    }

    /** Active and resting best persons of the run per neighbourhood. */
    private void count(Programmes.Run r) {
        Arrays.fill(r.bpActive, 0);
        Arrays.fill(r.bpResting, 0);
        Arrays.fill(r.bpEnergy, 0.0);
        Persons ps = model.persons();
        for (int e = 0; e < count; e++) {
            if (run[e] != r.index || gone[e]) {
                continue;
            }
            if (ps.bpState[slot[e]] == Persons.BP_ACTIVE) {
                r.bpActive[hood[e]]++;
                r.bpEnergy[hood[e]] += ps.bpEnergy[slot[e]];
            } else {
                r.bpResting[hood[e]]++;
            }
        }
    }

    /** The per-neighbourhood summary: status, mean energy of the active, and the networks' reach. */
    private void summarise(Programmes.Run r) {
        count(r);
        int network = model.scenario().policy().bestPersons().network();
        Neighbourhoods nb = model.neighbourhoods();
        for (int j : r.targets) {
            int a = r.bpActive[j];
            r.bpStatus[j] = a > 0 ? ACTIVE : r.bpResting[j] > 0 ? EXHAUSTED : r.bpLeftCount[j] > 0 ? LEFT : NONE;
            if (a > 0) {
                r.bpEnergy[j] /= a;
            }
            r.bpReach[j] = nb.households[j] <= 0 ? 0.0 : Math.min(1.0, a * (double) network / nb.households[j]);
        }
    }

    /** The live households of each of the run's targets, in slot order. */
    private void listHouseholds(Programmes.Run r) {
        int n = model.neighbourhoods().count;
        if (householdsOf.length != n) {
            householdsOf = new int[n][0];
            householdCount = new int[n];
        }
        Households h = model.households();
        for (int j : r.targets) {
            householdCount[j] = 0;
        }
        for (int s = 0; s < h.capacity; s++) {
            int j = h.hood[s];
            if (j >= 0 && h.dwelling[s] >= 0 && r.isTarget[j]) {
                if (householdCount[j] == householdsOf[j].length) {
                    householdsOf[j] = Arrays.copyOf(householdsOf[j], Math.max(64, 2 * householdCount[j]));
                }
                householdsOf[j][householdCount[j]++] = s;
            }
        }
    }

    /** Whether the run's entry e is an active best person still in its neighbourhood. */
    boolean acting(int e) {
        Persons ps = model.persons();
        int q = slot[e];
        return !gone[e] && ps.id[q] == id[e] && ps.place[q] == Persons.CITY && ps.bpState[q] == Persons.BP_ACTIVE
                && model.households().hood[ps.household[q]] == hood[e];
    }

    /** Whether a best person of the run is active in target j now. */
    static boolean active(Programmes.Run run, int j) {
        return run.bpActive != null && run.bpActive[j] > 0;
    }

    /**
     * The team's detection there, relative: {@code 1 + referral · reach}, reach the share of the
     * target's households within the networks of the run's active best persons (they point the team
     * to families they know).
     */
    static double referral(WijkLabModel model, Programmes.Run run, int j) {
        return 1.0 + model.scenario().policy().bestPersons().referral() * run.bpReach[j];
    }
}
