package org.wijklab.model;

/** Why a household moved; the names are written to {@code moves.csv}. */
public enum MoveReason {
    /** A household that wanted a better dwelling or neighbourhood and found one in the city. */
    AMBITION("ambition"),
    /** A household that left the city for the region. */
    LEFT_CITY("left_city"),
    /** A household that arrived from the region into a vacancy. */
    IN_MIGRATION("in_migration"),
    /** A young adult leaving the parental home. */
    STARTER("starter"),
    /** A partner leaving after a separation. */
    SEPARATION("separation"),
    /** A household evicted for rent arrears that found another dwelling in the city. */
    EVICTION("eviction"),
    /** Tenants of a dwelling demolished for restructuring, rehoused in the city. */
    RENEWAL("renewal"),
    /** A single adult (with any children) who moved in with a partner elsewhere in the city. */
    PARTNERED("partnered"),
    /** An evicted or restructuring household that found nothing and left the city. */
    NO_DWELLING("no_dwelling");

    private final String label;

    MoveReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
