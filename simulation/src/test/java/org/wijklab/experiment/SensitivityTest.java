package org.wijklab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ec.util.MersenneTwisterFast;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wijklab.scenario.Designs;

/**
 * The designs and the sensitivity indices on functions whose answers are known: a Latin
 * hypercube's strata, Sobol indices of the Ishigami function, Morris's ranking of a function with
 * known effects. Everything here is deterministic (a Sobol sequence, fixed seeds), so the
 * tolerances below are bounds on the estimators' error at these sample sizes, not statistical
 * tests: they cannot fail by chance.
 */
class SensitivityTest {

    @Test
    void aLatinHypercubeHasOnePointInEveryStratumOfEveryParameter() {
        int n = 50;
        double[][] u = Designs.latinHypercube(n, 4, new MersenneTwisterFast(7));
        for (int j = 0; j < 4; j++) {
            boolean[] seen = new boolean[n];
            for (double[] row : u) {
                int stratum = (int) Math.floor(row[j] * n);
                assertTrue(row[j] >= 0 && row[j] < 1);
                assertTrue(!seen[stratum], "parameter " + j + ": two points in stratum " + stratum);
                seen[stratum] = true;
            }
        }
    }

    /** Ishigami: sin x1 + 7 sin^2 x2 + 0.1 x3^4 sin x1, each x uniform on [-pi, pi]. */
    private static double ishigami(double[] u) {
        double x1 = -Math.PI + 2 * Math.PI * u[0];
        double x2 = -Math.PI + 2 * Math.PI * u[1];
        double x3 = -Math.PI + 2 * Math.PI * u[2];
        return Math.sin(x1) + 7 * Math.sin(x2) * Math.sin(x2) + 0.1 * Math.pow(x3, 4) * Math.sin(x1);
    }

    @Test
    void sobolIndicesOfTheIshigamiFunction() {
        // analytical values (a = 7, b = 0.1): S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
        // With 8,192 base rows of a Sobol sequence the estimators are within 0.03 of them.
        int n = 8192;
        double[][] u = Designs.saltelli(n, 3);
        assertEquals(n * 5, u.length);
        double[] f = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            f[i] = ishigami(u[i]);
        }
        Map<String, Sensitivity.Index> x = byKey(Sensitivity.sobol("y", List.of("x1", "x2", "x3"), u, f, n));
        double[] s1 = {0.3139, 0.4424, 0.0};
        double[] st = {0.5576, 0.4424, 0.2437};
        for (int p = 0; p < 3; p++) {
            String name = "x" + (p + 1);
            Sensitivity.Index a = x.get(name + "|S1");
            Sensitivity.Index b = x.get(name + "|ST");
            assertEquals(s1[p], a.value(), 0.03, name + " S1");
            assertEquals(st[p], b.value(), 0.03, name + " ST");
            assertTrue(a.low() <= a.value() && a.value() <= a.high(), name + " S1 inside its interval");
            assertTrue(b.high() - b.low() < 0.1, name + " ST interval " + b.low() + " - " + b.high());
        }
    }

    @Test
    void saltelliRowsDifferFromAInOneColumnTakenFromB() {
        int n = 16;
        double[][] u = Designs.saltelli(n, 3);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < n; i++) {
                double[] a = u[i];
                double[] b = u[n + i];
                double[] ab = u[(2 + p) * n + i];
                for (int j = 0; j < 3; j++) {
                    assertEquals(j == p ? b[j] : a[j], ab[j]);
                }
            }
        }
    }

    @Test
    void morrisRanksTheEffectsOfALinearFunctionAndFindsTheInteraction() {
        // f = 10 x1 + 5 x2 + x3 + 0 x4 + 4 x5 x6: mu* of x1..x4 are exactly 10, 5, 1, 0 (a linear
        // effect is the same at every point); x5 and x6 interact, so their sigma is above 0
        int r = 40;
        int k = 6;
        double[][] u = Designs.morris(r, k, 4, new MersenneTwisterFast(3));
        assertEquals(r * (k + 1), u.length);
        double delta = Designs.morrisDelta(4);
        for (int t = 0; t < r; t++) {
            for (int s = 0; s < k; s++) {
                int moved = 0;
                for (int j = 0; j < k; j++) {
                    double d = Math.abs(u[t * (k + 1) + s + 1][j] - u[t * (k + 1) + s][j]);
                    if (d > 0) {
                        moved++;
                        assertEquals(delta, d, 1e-12, "a step moves one coordinate by delta");
                    }
                }
                assertEquals(1, moved);
            }
            for (double[] row : u) {
                for (double v : row) {
                    assertTrue(v >= 0 && v <= 1, "on the unit grid");
                }
            }
        }
        double[] f = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            double[] x = u[i];
            f[i] = 10 * x[0] + 5 * x[1] + x[2] + 4 * x[4] * x[5];
        }
        Map<String, Sensitivity.Index> x = byKey(Sensitivity.morris("y", List.of("x1", "x2", "x3", "x4", "x5", "x6"), u, f, r));
        assertEquals(10.0, x.get("x1|mu_star").value(), 1e-9);
        assertEquals(5.0, x.get("x2|mu_star").value(), 1e-9);
        assertEquals(1.0, x.get("x3|mu_star").value(), 1e-9);
        assertEquals(0.0, x.get("x4|mu_star").value(), 1e-9);
        assertEquals(0.0, x.get("x1|sigma").value(), 1e-9, "no interaction, no spread");
        assertTrue(x.get("x5|sigma").value() > 0.5 && x.get("x6|sigma").value() > 0.5, "the interaction spreads the effects");
        assertTrue(x.get("x5|mu_star").value() > 0 && x.get("x5|mu_star").value() < 4.0 + 1e-9);
    }

    private static Map<String, Sensitivity.Index> byKey(List<Sensitivity.Index> list) {
        Map<String, Sensitivity.Index> m = new HashMap<>();
        for (Sensitivity.Index i : list) {
            m.put(i.parameter() + "|" + i.index(), i);
        }
        return m;
    }
}
