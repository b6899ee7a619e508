package org.wijklab.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Property-based tries without a framework: a property is checked on a fixed number of inputs,
 * each made from its own seed, the seeds drawn from one fixed master seed, so that every run of
 * the suite tries the same inputs and a failure names the seed that reproduces it. Every try runs;
 * the failures are reported together at the end (the first few in full).
 */
public final class Tries {
    private static final int SHOWN = 3;

    private Tries() {
    }

    /** One try of a property, given its seed. */
    public interface Property {
        void check(long seed) throws Exception;
    }

    /** Checks the property on {@code tries} seeds drawn from {@code master}; fails listing the seeds that failed. */
    public static void check(String name, long master, int tries, Property property) {
        SplittableRandom seeds = new SplittableRandom(master);
        List<String> failures = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < tries; i++) {
            long seed = seeds.nextLong();
            try {
                property.check(seed);
            } catch (Exception | AssertionError e) {
                failed++;
                if (failures.size() < SHOWN) {
                    failures.add("try " + i + ", seed " + seed + ": " + e);
                }
            }
        }
        if (failed > 0) {
            fail(name + ": " + failed + " of " + tries + " tries failed (master seed " + master + ")\n"
                    + String.join("\n", failures));
        }
    }
}
