package org.wijklab.observation;

import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;

/**
 * Where every followed person is at one tick and its outcomes, by person slot ({@link Persons}):
 * its id (so that a slot freed and reused by a new person is told apart), where it lives (a
 * neighbourhood, the region, dead, or not followed), and what the person-level metrics need.
 *
 * <p>The metrics, with the persons they are measured on (their weight 1, others 0):
 * <ul>
 * <li>{@code employment}: employed, per adult of working age (not retired);</li>
 * <li>{@code income}: the household's equivalised disposable income (the modified OECD scale,
 * {@link Households#equivalence}), per person of every age;</li>
 * <li>{@code good_mental_health}: in good mental health, per adult;</li>
 * <li>{@code household_income}: the household's disposable income, per person.</li>
 * </ul>
 * About 15 bytes per person slot, and 32 more with the channel sums.
 */
final class PersonSnapshot implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    static final String[] METRICS = {"employment", "income", "good_mental_health", "household_income"};
    static final int M = METRICS.length;

    /** {@link #where} of a slot without a followed person, of a person in the region, of a dead one. */
    static final short NONE = -1;
    static final short REGION = -2;
    static final short DEAD = -3;

    static final byte ADULT = 1;
    static final byte WORKING_AGE = 2;
    static final byte EMPLOYED = 4;
    static final byte GOOD = 8;
    static final byte BORN = 16;
    /** The employment weight (of working age) last changed in a household-event month ({@link ChannelTracker}). */
    static final byte EMPLOYMENT_WEIGHT_HOUSEHOLD = 32;
    /** The adult weight last changed in a household-event month. */
    static final byte ADULT_WEIGHT_HOUSEHOLD = 64;

    final int tick;
    final int bound;
    final int[] id;
    final short[] where;
    final byte[] flags;
    final float[] income;
    final float[] householdIncome;
    /** Per metric, each person's running sum of changes in household-event months ({@link ChannelTracker}); null without. */
    final double[][] household;

    PersonSnapshot(WijkLabModel model, int tick) {
        this(model, tick, null);
    }

    /**
     * The persons now, with their channel sums from the tracker (brought up to this tick) when there
     * is one, and then read through its households' records of the tick.
     */
    PersonSnapshot(WijkLabModel model, int tick, ChannelTracker tracker) {
        this.tick = tick;
        Persons persons = model.persons();
        bound = persons.bound();
        id = new int[bound];
        where = new short[bound];
        flags = new byte[bound];
        income = new float[bound];
        householdIncome = new float[bound];
        household = tracker == null ? null : new double[M][bound];
        // in chunks of slots on the block threads: reads only, each chunk writes its own slots
        int size = org.wijklab.model.Blocks.SIZE;
        model.blocks().forEachChunk((bound + size - 1) / size, c -> {
            View v = new View();
            for (int p = c * size, end = Math.min(bound, p + size); p < end; p++) {
                if (tracker != null) {
                    tracker.view(model, p, v);
                } else {
                    v.read(model, p);
                }
                id[p] = persons.id[p];
                where[p] = v.where;
                flags[p] = v.flags;
                income[p] = v.income;
                householdIncome[p] = v.householdIncome;
                if (tracker != null && where[p] != NONE && where[p] != DEAD) {
                    flags[p] |= tracker.weightBits(p);
                    for (int m = 0; m < M; m++) {
                        household[m][p] = tracker.household(p, m);
                    }
                }
            }
        });
    }

    /** A snapshot of given persons (for constructed cities in tests). */
    PersonSnapshot(int tick, int[] id, short[] where, byte[] flags, float[] income, float[] householdIncome) {
        this(tick, id, where, flags, income, householdIncome, null);
    }

    /** A constructed snapshot with channel sums (household[metric][slot]) and weight bits in the flags. */
    PersonSnapshot(int tick, int[] id, short[] where, byte[] flags, float[] income, float[] householdIncome,
            double[][] household) {
        this.tick = tick;
        this.bound = id.length;
        this.id = id;
        this.where = where;
        this.flags = flags;
        this.income = income;
        this.householdIncome = householdIncome;
        this.household = household;
    }

    /** Person p's running household-channel sum of metric m (0 without a tracker). */
    double household(int p, int metric) {
        return household == null ? 0.0 : household[metric][p];
    }

    static double value(byte flags, float income, float householdIncome, int metric) {
        return switch (metric) {
            case 0 -> (flags & EMPLOYED) != 0 ? 1.0 : 0.0;
            case 1 -> income;
            case 2 -> (flags & GOOD) != 0 ? 1.0 : 0.0;
            default -> householdIncome;
        };
    }

    static double weight(byte flags, int metric) {
        return switch (metric) {
            case 0 -> (flags & WORKING_AGE) != 0 ? 1.0 : 0.0;
            case 2 -> (flags & ADULT) != 0 ? 1.0 : 0.0;
            default -> 1.0;
        };
    }

    double value(int p, int metric) {
        return value(flags[p], income[p], householdIncome[p], metric);
    }

    double weight(int p, int metric) {
        return weight(flags[p], metric);
    }

    /** Whether slot p holds, at this snapshot, a person living in the city or the region. */
    boolean alive(int p) {
        return p < bound && (where[p] >= 0 || where[p] == REGION);
    }

    /** One person's place and outcomes now, read from the model's state (reused: allocates nothing). */
    static final class View implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        short where;
        byte flags;
        float income;
        float householdIncome;

        void read(WijkLabModel model, int p) {
            Persons persons = model.persons();
            flags = persons.origin[p] == Persons.ORIGIN_BORN ? BORN : 0;
            income = 0f;
            householdIncome = 0f;
            switch (persons.place[p]) {
                case Persons.CITY -> {
                    Households h = model.households();
                    int k = persons.household[p];
                    where = h.hood[k];
                    int a = h.adultPerson[2 * k] == p ? 0 : h.adults[k] > 1 && h.adultPerson[2 * k + 1] == p ? 1 : -1;
                    if (a >= 0) {
                        adult(h.status[2 * k + a], h.mental[2 * k + a]);
                    }
                    householdIncome = h.income[k];
                    income = (float) h.equivalisedIncome(k);
                }
                case Persons.REGION -> {
                    RegionHouseholds r = model.region();
                    int k = persons.household[p];
                    where = REGION;
                    int a = r.adultPerson[2 * k] == p ? 0 : r.adults[k] > 1 && r.adultPerson[2 * k + 1] == p ? 1 : -1;
                    if (a >= 0) {
                        adult(r.status[2 * k + a], r.mental[2 * k + a]);
                    }
                    householdIncome = r.income[k];
                    income = (float) r.equivalisedIncome(k);
                }
                case Persons.DEAD -> where = DEAD;
                default -> where = NONE;
            }
        }

        private void adult(byte status, byte mental) {
            flags |= adultFlags(status, mental);
        }

        /** The flags of an adult with this labour status and mental health. */
        static byte adultFlags(byte status, byte mental) {
            int f = ADULT;
            if (status != Households.RETIRED) {
                f |= WORKING_AGE;
            }
            if (status == Households.EMPLOYED) {
                f |= EMPLOYED;
            }
            if (mental == Households.GOOD) {
                f |= GOOD;
            }
            return (byte) f;
        }
    }
}
