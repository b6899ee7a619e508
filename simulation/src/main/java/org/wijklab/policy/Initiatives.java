package org.wijklab.policy;

import ec.util.MersenneTwisterFast;
import java.util.Arrays;
import org.wijklab.model.Help;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.Policy;

/**
 * Resident initiatives with members, per programme and target, every month from the programme's
 * start on (also after it ended). docs/ODD.md §7.2 (c).
 *
 * <p>An initiative (the pool, by initiative slot: neighbourhood, programme, founder, carrier, start,
 * members) is founded by an active best person who carries none, with the yearly chance
 * {@code startRate · facilities}, or, while the programme runs, by its ownership support with a
 * resident volunteer at a fifth of that times the support. Its carrier (the best person, else the
 * programme's community work while it runs) contacts {@code network / 12} households of the
 * neighbourhood a month (the programme's work: times the ownership support); a contacted adult joins
 * with chance {@code join}. Members are persons ({@link Persons#initiative}); each month a member
 * takes part, its household gains {@code tieMonths} extra months of local acquaintance
 * ({@link Households#tieStart} lowered: cohesion comes from ties, and ties hold households back from
 * moving), its own job finding is raised (volunteer roles, {@code process.LabourMarket}), its
 * children at home gain {@code learning} in their chance of a step up in education, and the month
 * is recorded as help ({@link Help#INITIATIVE}). A member tires with the yearly hazard
 * {@code 1 / memberYears} (a best person carrying it does not) and leaves with its household when it
 * moves out of the neighbourhood. An initiative ends when it has no members, or when nobody carries
 * it: its best person lost and no other active best person of the programme in the neighbourhood
 * free to take it over, once the programme has ended.
 */
final class Initiatives implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Carrier of an initiative carried by the programme's community work, not a best person. */
    static final int PROGRAMME = -1;

    private final WijkLabModel model;

    /** The pool, by initiative slot (a slot is reused once closed). */
    int count;
    int[] hood = new int[8];
    int[] run = new int[8];
    int[] founder = new int[8];
    int[] start = new int[8];
    int[] carrier = new int[8];
    int[] members = new int[8];
    int[] recruits = new int[8];
    boolean[] open = new boolean[8];

    /** The members, by entry: person slot and id, initiative slot. */
    int memberCount;
    int[] memberSlot = new int[64];
    int[] memberId = new int[64];
    int[] memberOf = new int[64];

    Initiatives(WijkLabModel model) {
        this.model = model;
    }

    /** At the start: none running. */
    void begin(Programmes.Run r) {
        r.initiatives = new int[model.neighbourhoods().count];
        r.initiativeMembers = new int[model.neighbourhoods().count];
    }

    /** A month for the run's initiatives; {@code active}: the programme runs. */
    void step(Programmes.Run r, boolean active, int tick, BestPersons bp) {
        Policy.Initiatives p = model.scenario().policy().initiatives();
        for (int i = 0; i < count; i++) {
            if (open[i] && run[i] == r.index) {
                members[i] = 0;
                recruits[i] = 0;
            }
        }
        takePart(r, p, tick);
        carry(r, active, bp);
        found(r, p, active, tick, bp);
        recruit(r, p, active, bp);
        // what the best persons carry, for their energy next month
        for (int e = 0; e < bp.count; e++) {
            if (bp.run[e] == r.index) {
                int i = bp.carrying[e];
                bp.carried[e] = i >= 0 ? members[i] : 0;
                bp.recruited[e] = i >= 0 ? recruits[i] : 0;
            }
        }
        Arrays.fill(r.initiatives, 0);
        Arrays.fill(r.initiativeMembers, 0);
        for (int i = 0; i < count; i++) {
            if (open[i] && run[i] == r.index) {
                r.initiatives[hood[i]]++;
                r.initiativeMembers[hood[i]] += members[i];
            }
        }
    }

    /** The members of the run's initiatives: who left or tired goes, who stays takes part this month. */
    private void takePart(Programmes.Run r, Policy.Initiatives p, int tick) {
        Persons ps = model.persons();
        Households h = model.households();
        MersenneTwisterFast random = model.random;
        double tire = 1.0 / (12.0 * p.memberYears());
        int kept = 0;
        for (int m = 0; m < memberCount; m++) {
            int i = memberOf[m];
            if (i < 0) {
                continue; // its initiative closed
            }
            int q = memberSlot[m];
            boolean same = ps.id[q] == memberId[m];
            if (run[i] == r.index) {
                boolean stays = open[i] && same && ps.place[q] == Persons.CITY && ps.initiative[q] == i
                        && h.hood[ps.household[q]] == hood[i];
                if (stays && ps.bpState[q] != Persons.BP_ACTIVE && random.nextDouble() < tire) {
                    stays = false;
                }
                if (!stays) {
                    if (same && ps.initiative[q] == i) {
                        ps.initiative[q] = -1;
                    }
                    continue;
                }
                int s = ps.household[q];
                h.tieStart[s] -= (float) p.tieMonths();
                for (int c = h.firstChild[s]; c >= 0; c = ps.nextChild[c]) {
                    if (ps.education[c] == Persons.AT_SCHOOL) {
                        ps.learningSum[c] += (float) p.learning();
                    }
                }
                model.help().give(ps, q, Help.INITIATIVE, r.index, tick);
                members[i]++;
            }
            memberSlot[kept] = q;
            memberId[kept] = memberId[m];
            memberOf[kept] = i;
            kept++;
        }
        memberCount = kept;
    }

    /** Who carries each of the run's initiatives; one nobody carries closes. */
    private void carry(Programmes.Run r, boolean active, BestPersons bp) {
        for (int i = 0; i < count; i++) {
            if (!open[i] || run[i] != r.index) {
                continue;
            }
            int e = carrier[i];
            if (e >= 0 && !bp.acting(e)) {
                bp.carrying[e] = -1;
                e = PROGRAMME;
                for (int f = 0; f < bp.count; f++) {
                    if (bp.run[f] == r.index && bp.hood[f] == hood[i] && bp.carrying[f] < 0 && bp.acting(f)) {
                        e = f;
                        bp.carrying[f] = i;
                        break;
                    }
                }
                carrier[i] = e;
            }
            if (members[i] == 0 || (carrier[i] == PROGRAMME && !active)) {
                close(i, bp);
            }
        }
    }

    private void close(int i, BestPersons bp) {
        open[i] = false;
        if (carrier[i] >= 0) {
            bp.carrying[carrier[i]] = -1;
        }
        Persons ps = model.persons();
        for (int m = 0; m < memberCount; m++) {
            if (memberOf[m] == i) {
                if (ps.id[memberSlot[m]] == memberId[m] && ps.initiative[memberSlot[m]] == i) {
                    ps.initiative[memberSlot[m]] = -1;
                }
                memberOf[m] = -1;
            }
        }
    }

    /** New initiatives: by active best persons who carry none, and by the programme's ownership support. */
    private void found(Programmes.Run r, Policy.Initiatives p, boolean active, int tick, BestPersons bp) {
        MersenneTwisterFast random = model.random;
        Persons ps = model.persons();
        for (int j : r.targets) {
            double rate = p.startRate() / 12.0 * model.neighbourhoods().facilities[j];
            for (int e = 0; e < bp.count; e++) {
                if (bp.run[e] != r.index || bp.hood[e] != j || bp.carrying[e] >= 0 || !bp.acting(e)) {
                    continue;
                }
                if (openIn(r, j) < p.maxPerTarget() && random.nextDouble() < rate
                        && ps.initiative[bp.slot[e]] < 0) {
                    int i = open(r, j, bp.slot[e], e, tick);
                    bp.carrying[e] = i;
                }
            }
            if (active && openIn(r, j) < p.maxPerTarget() && bp.householdCount[j] > 0
                    && random.nextDouble() < rate * 0.2 * r.spec.ownershipSupport()) {
                int q = someAdult(j, bp);
                if (q >= 0 && ps.initiative[q] < 0) {
                    open(r, j, q, PROGRAMME, tick);
                }
            }
        }
    }

    /** Open initiatives of the run in j now. */
    private int openIn(Programmes.Run r, int j) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (open[i] && run[i] == r.index && hood[i] == j) {
                n++;
            }
        }
        return n;
    }

    private int open(Programmes.Run r, int j, int q, int by, int tick) {
        int i = 0;
        while (i < count && open[i]) {
            i++;
        }
        if (i == count) {
            if (count == hood.length) {
                int n = 2 * count;
                hood = Arrays.copyOf(hood, n);
                run = Arrays.copyOf(run, n);
                founder = Arrays.copyOf(founder, n);
                start = Arrays.copyOf(start, n);
                carrier = Arrays.copyOf(carrier, n);
                members = Arrays.copyOf(members, n);
                recruits = Arrays.copyOf(recruits, n);
                open = Arrays.copyOf(open, n);
            }
            if (count == Short.MAX_VALUE) {
                throw new IllegalStateException("more than " + Short.MAX_VALUE + " initiatives at once");
            }
            count++;
        }
        hood[i] = j;
        run[i] = r.index;
        founder[i] = q;
        start[i] = tick;
        carrier[i] = by;
        members[i] = 0;
        recruits[i] = 0;
        open[i] = true;
        join(q, i);
        return i;
    }

    private void join(int q, int i) {
        Persons ps = model.persons();
        ps.initiative[q] = (short) i;
        if (memberCount == memberSlot.length) {
            int n = 2 * memberCount;
            memberSlot = Arrays.copyOf(memberSlot, n);
            memberId = Arrays.copyOf(memberId, n);
            memberOf = Arrays.copyOf(memberOf, n);
        }
        memberSlot[memberCount] = q;
        memberId[memberCount] = ps.id[q];
        memberOf[memberCount] = i;
        memberCount++;
        members[i]++;
    }

    /** An adult of a random household of target j (a random one of its adults); -1 if none. */
    private int someAdult(int j, BestPersons bp) {
        Households h = model.households();
        MersenneTwisterFast random = model.random;
        int s = bp.householdsOf[j][random.nextInt(bp.householdCount[j])];
        int n = h.adults[s];
        return n == 0 ? -1 : h.adultPerson[2 * s + (n == 1 ? 0 : random.nextInt(n))];
    }

    /** Carriers contact households of their neighbourhood; a contacted adult joins with chance {@code join}. */
    private void recruit(Programmes.Run r, Policy.Initiatives p, boolean active, BestPersons bp) {
        MersenneTwisterFast random = model.random;
        Persons ps = model.persons();
        double network = model.scenario().policy().bestPersons().network() / 12.0;
        for (int i = 0; i < count; i++) {
            if (!open[i] || run[i] != r.index || bp.householdCount[hood[i]] == 0) {
                continue;
            }
            double contacts = carrier[i] >= 0 ? network : active ? network * r.spec.ownershipSupport() : 0.0;
            int n = (int) contacts;
            if (random.nextDouble() < contacts - n) {
                n++;
            }
            for (int c = 0; c < n && members[i] < p.maxMembers(); c++) {
                int q = someAdult(hood[i], bp);
                if (q >= 0 && ps.initiative[q] < 0 && random.nextDouble() < p.join()) {
                    join(q, i);
                    recruits[i]++;
                }
            }
        }
    }

    /** Open initiatives of all programmes (for tests and the GUI). */
    int openCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            n += open[i] ? 1 : 0;
        }
        return n;
    }
}
