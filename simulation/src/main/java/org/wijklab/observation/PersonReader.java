package org.wijklab.observation;

import org.wijklab.model.WijkLabModel;

/**
 * How a table that follows persons reads one person's place and outcomes at a tick: through the
 * erosion decomposition's households' records of the tick when the run has one ({@link
 * ErosionDecomposition#read}: one place per person), else from the model's arrays ({@link
 * PersonSnapshot.View#read}). Both give the same values; a table made on its own (in a test) reads
 * the model.
 */
final class PersonReader implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final PersonSnapshot.View view = new PersonSnapshot.View();
    private ErosionDecomposition through;

    void through(ErosionDecomposition decomposition) {
        through = decomposition;
    }

    /** The view every {@link #read} fills. */
    PersonSnapshot.View view() {
        return view;
    }

    /** Every slot at {@link #pointTick}, through the decomposition (scratch); null reading the model. */
    private transient int[] points;
    private transient int pointTick = Integer.MIN_VALUE;

    /**
     * Prepares the reads of many persons at this tick (a table's yearly rows over its cohorts):
     * through the decomposition, every slot is read once for the tick, for all the tables of the tick.
     */
    void atPoint(WijkLabModel model, int tick) {
        points = through != null ? through.slots(model, tick) : null;
        pointTick = tick;
    }

    /**
     * Person p at the tick of the last {@link #atPoint}, into a view of the caller's: reads only,
     * so the block threads may read persons at once, each into its own view.
     */
    void readAtPoint(WijkLabModel model, int tick, int p, PersonSnapshot.View into) {
        if (tick != pointTick) {
            throw new IllegalStateException("persons read at tick " + tick + " prepared for tick " + pointTick);
        }
        if (points != null) {
            ChannelTracker.fromSlots(points, p, into);
        } else {
            into.read(model, p);
        }
    }

    /** Person p at this tick, into {@link #view}. */
    void read(WijkLabModel model, int tick, int p) {
        if (through != null) {
            through.read(model, tick, p, view);
        } else {
            view.read(model, p);
        }
    }
}
