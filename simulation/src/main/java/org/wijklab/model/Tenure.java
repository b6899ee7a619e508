package org.wijklab.model;

/** Tenure codes used in the state arrays, and their names in output files. */
public final class Tenure {
    public static final byte SOCIAL = 0;
    public static final byte PRIVATE = 1;
    public static final byte OWNER = 2;
    public static final int COUNT = 3;
    private static final String[] NAMES = {"social_rent", "private_rent", "owner_occupied"};

    private Tenure() {
    }

    public static String name(int tenure) {
        return NAMES[tenure];
    }
}
