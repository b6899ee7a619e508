package org.wijklab.model;

/**
 * Help that reaches persons, and the books of who got which: the forms of help a programme gives
 * (a case with its team, an activation place, debt counselling, treatment, youth help, taking part
 * in an initiative), recorded per person in {@link Persons} ({@link Persons#helpForms},
 * {@link Persons#helpMonths}, {@link Persons#helpFirst}, {@link Persons#helpLast},
 * {@link Persons#helpProgramme}) and counted here per programme and form.
 *
 * <p>Only the model's thread records help (the programmes' step and the teams' pass of the
 * problems process), so the counts and the per-person records are the same whatever the number of
 * threads. A helped person is followed to the run's last tick wherever it goes ({@link Persons#pin}),
 * so that {@code helped.csv} can tell what became of it.
 */
public final class Help implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** A case with the programme's team (every member of the household). */
    public static final int CASE = 0;
    /** An activation place (work theme): an adult of working age out of work. */
    public static final int ACTIVATION = 1;
    /** Debt counselling: the adults of a household with debts whose case covers them. */
    public static final int DEBT = 2;
    /** Treatment of poor mental health: by the team's case, or a treatment place (health theme). */
    public static final int TREATMENT = 3;
    /** Youth help: the children of a household with youth problems whose case covers them. */
    public static final int YOUTH = 4;
    /** Taking part in a resident initiative. */
    public static final int INITIATIVE = 5;
    public static final int FORMS = 6;
    /** The forms' names as the outputs write them. */
    public static final String[] NAMES = {"case", "activation", "debt_counselling", "treatment", "youth_help", "initiative"};

    /** {@link Persons#helpFirst} and {@link Persons#helpLast} of a person never helped. */
    public static final int NEVER = Short.MIN_VALUE;

    /** {@link Persons#legacy} bits: the last recovery from poor mental health was treated; the last debts were resolved with counselling. */
    public static final byte TREATED_RECOVERY = 1;
    public static final byte COUNSELLED = 2;

    private final int programmes;
    private final int lastTick;
    /** Per programme and form: persons first helped with the form by this programme. */
    private final long[] persons;
    /** Per programme and form: person-months of help. */
    private final long[] months;

    public Help(int programmes, int lastTick) {
        this.programmes = programmes;
        this.lastTick = lastTick;
        persons = new long[Math.max(1, programmes) * FORMS];
        months = new long[Math.max(1, programmes) * FORMS];
    }

    /**
     * Person p gets help of a form from programme k this month: its record and the programme's
     * counts (a person-month per form and month; a person counted once per form, under the first
     * programme that helped it with that form), and it is followed to the last tick.
     */
    public void give(Persons ps, int p, int form, int k, int tick) {
        if (p < 0) {
            return;
        }
        int bit = 1 << form;
        if ((ps.helpForms[p] & bit) == 0) {
            ps.helpForms[p] |= (byte) bit;
            persons[k * FORMS + form]++;
        }
        if (ps.helpFirst[p] == NEVER) {
            ps.helpFirst[p] = Persons.month(tick);
            ps.helpProgramme[p] = (byte) Math.min(127, k + 1);
            ps.pin(p, lastTick);
        }
        if (ps.helpLast[p] != tick) {
            ps.helpLast[p] = Persons.month(tick);
            if (ps.helpMonths[p] < Short.MAX_VALUE) {
                ps.helpMonths[p]++;
            }
        }
        months[k * FORMS + form]++;
    }

    public int programmes() {
        return programmes;
    }

    /** Persons helped with a form by programme k (counted under the first programme that helped them with it). */
    public long persons(int k, int form) {
        return persons[k * FORMS + form];
    }

    /** Person-months of a form of help by programme k. */
    public long months(int k, int form) {
        return months[k * FORMS + form];
    }
}
