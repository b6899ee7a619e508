package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Households;
import org.wijklab.model.Professionals;
import org.wijklab.model.WijkLabModel;
import org.wijklab.scenario.ScenarioLoader;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.LocationWrapper;
import sim.util.Bag;

/**
 * The professionals' areas ({@link ProfessionalLayer}) and inspector ({@link Inspections.Professional})
 * on two small cities at 15,000 residents (seed fixed, no warm-up), two and a half years into a
 * programme that began at month 12: krachtwijk's integral team (one professional per family) and
 * wijkteam-fragmented's services (one per problem). The areas cover exactly the families the model
 * has professionals on, each with its holders; a held dwelling is tinted in its professional's
 * colour (striped when several hold it) and a dwelling nobody holds is not; a click on a held
 * dwelling finds its professionals; the inspector's fields are the model's values, and in the
 * integral team a professional's families' norm weights add up to its load (the model's own
 * bookkeeping, to rounding). Deterministic: no statistical tolerance.
 */
class ProfessionalLayerTest {
    /** Display pixels a dwelling: below {@link ProfessionalLayer#LABEL_SCALE}, so no label covers a dwelling. */
    private static final int S = 4;

    private static WijkLabModel model(String file, int ticks) {
        WijkLabModel m = new WijkLabModel(ScenarioLoader.load(Path.of("scenarios", file)).withResidents(15000)
                .withWarmUpYears(0).withYears(5));
        m.start();
        while (m.tick() < ticks) {
            m.schedule.step(m);
        }
        return m;
    }

    @Test
    void theIntegralTeamsAreasCoverExactlyTheHeldFamilies() {
        check(model("krachtwijk.json", 42), true);
    }

    @Test
    void theFragmentedServicesAreasCoverExactlyTheHeldFamilies() {
        check(model("wijkteam-fragmented.json", 42), false);
    }

    private static void check(WijkLabModel m, boolean integral) {
        CityView view = new CityView(m);
        ProfessionalLayer layer = new ProfessionalLayer(m, view);
        Professionals pr = m.professionals();
        Households h = m.households();
        assertTrue(pr.any(), "a team was formed");
        // the model's held families, directly from the holders
        Set<Integer> held = new HashSet<>();
        int[] casesOf = new int[pr.count];
        for (int s = 0; s < h.capacity; s++) {
            int[] q = ProfessionalLayer.holders(pr, s);
            if (q.length > 0 && h.dwelling[s] >= 0) {
                held.add(s);
                for (int p : q) {
                    casesOf[p]++;
                }
            }
        }
        assertTrue(held.size() > 20, "families held: " + held.size());
        assertEquals(held.size(), layer.families());
        Set<Integer> drawn = new HashSet<>();
        int[][] xy = view.dwellingPixels();
        int multi = 0;
        for (int f = 0; f < layer.families(); f++) {
            int[] fam = layer.family(f);
            int s = fam[2];
            drawn.add(s);
            int d = h.dwelling[s];
            assertEquals(xy[0][d], fam[0]);
            assertEquals(xy[1][d], fam[1]);
            int[] q = ProfessionalLayer.holders(pr, s);
            int[] want = Arrays.copyOf(q, Professionals.TYPES);
            Arrays.fill(want, q.length, Professionals.TYPES, -1);
            assertArrayEquals(want, Arrays.copyOfRange(fam, 3, 3 + Professionals.TYPES));
            multi += q.length > 1 ? 1 : 0;
        }
        assertEquals(held, drawn, "the areas are exactly the held families");
        if (integral) {
            assertEquals(0, multi, "an integral team: one professional per family");
        } else {
            assertTrue(multi > 0, "a fragmented service: some families with several professionals");
        }

        BufferedImage img = new BufferedImage(view.width * S, view.height * S, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Rectangle2D.Double r = new Rectangle2D.Double(0, 0, img.getWidth(), img.getHeight());
        layer.draw(null, g, new DrawInfo2D(null, layer, r, r));
        g.dispose();
        for (int p = 0; p < pr.count; p++) {
            assertEquals(casesOf[p], layer.cases(p), "cases of professional " + p);
            int[] at = layer.labelAt(p);
            assertEquals(casesOf[p] > 0, at != null);
            if (at != null) {
                // the label sits on one of the professional's own families
                boolean own = false;
                for (int f = 0; f < layer.families(); f++) {
                    int[] fam = layer.family(f);
                    own |= fam[0] == at[0] && fam[1] == at[1] && (fam[3] == p || fam[4] == p || fam[5] == p);
                }
                assertTrue(own, "label of professional " + p);
            }
        }
        // a held dwelling: its first column in its first holder's colour over white, its last in its last holder's
        for (int f = 0; f < layer.families(); f++) {
            int[] fam = layer.family(f);
            int last = fam[5] >= 0 ? fam[5] : fam[4] >= 0 ? fam[4] : fam[3];
            for (int j = 0; j < S; j++) {
                assertTrue(close(blend(ProfessionalLayer.colour(fam[3])), img.getRGB(fam[0] * S, fam[1] * S + j)), "family " + f);
                assertTrue(close(blend(ProfessionalLayer.colour(last)), img.getRGB(fam[0] * S + S - 1, fam[1] * S + j)),
                        "family " + f + "'s last stripe");
            }
        }
        int untinted = 0;
        for (int x = 0; x < view.width && untinted < 50; x++) {
            for (int y = 0; y < view.height && untinted < 50; y++) {
                int s = view.household(x, y);
                if (s >= 0 && !held.contains(s) && (img.getRGB(x * S, y * S) & 0xFFFFFF) == 0xFFFFFF) {
                    untinted++;
                }
            }
        }
        assertEquals(50, untinted, "dwellings nobody holds stay as they were");

        // a click on a held dwelling finds its professionals; the inspector's fields are the model's
        int tick = m.tick();
        org.wijklab.scenario.Policy.Services sv = m.scenario().policy().services();
        int inspected = 0;
        for (int f = 0; f < layer.families() && inspected < 40; f++) {
            int[] fam = layer.family(f);
            Bag hit = new Bag();
            Rectangle2D.Double click = new Rectangle2D.Double(fam[0] * S + 2, fam[1] * S + 2, 1, 1);
            layer.hitObjects(new DrawInfo2D(null, layer, r, click), hit);
            int n = ProfessionalLayer.holders(pr, fam[2]).length;
            assertEquals(n, hit.size(), "one inspector per professional on the family");
            for (Object o : hit) {
                Inspections.Professional ip = (Inspections.Professional) ((LocationWrapper) o).getObject();
                int p = ip.post();
                assertTrue(p == fam[3] || p == fam[4] || p == fam[5]);
                assertEquals(pr.fte[p], ip.getFte(), 0.0);
                assertEquals(pr.capacity[p], ip.getCapacity(), 0.0);
                assertEquals(pr.load[p], ip.getLoad(), 0.0);
                assertEquals(tick - pr.startTick[p], ip.getMonthsInPost());
                assertEquals(Professionals.knowing(tick - pr.startTick[p], sv.newcomerEffect(), sv.tenureMonths()),
                        ip.getKnowingTheArea(), 0.0);
                assertEquals(casesOf[p], ip.getCasesHeld());
                int[] kinds = ip.kinds();
                assertEquals(casesOf[p], kinds[0] + kinds[1] + kinds[2]);
                assertTrue(ip.getTeam().startsWith("team " + pr.team[p] + " of " + m.scenario().programmes().get(0).name()
                        + ", " + (integral ? "integral" : "fragmented")), ip.getTeam());
                assertEquals(casesOf[p], ip.getFamilies().length);
                double know = ip.getKnowingItsFamilies();
                assertTrue(know >= sv.newcomerEffect() - 1e-12 && know <= 1.0, "knowing its families " + know);
                if (integral) {
                    double weights = 0;
                    for (int s : ip.families()) {
                        weights += pr.weight[s];
                    }
                    assertEquals(pr.load[p], weights, 1e-9, "the families' norm weights are the load");
                }
                inspected++;
            }
        }
        assertTrue(inspected > 0);
        m.finish();
    }

    /** A colour at the layer's opacity over white (Java2D rounds its own way: {@link #close}). */
    private static int blend(int rgb) {
        int a = ProfessionalLayer.ALPHA;
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int c = (rgb >> shift) & 0xFF;
            out |= ((c * a + 255 * (255 - a) + 127) / 255) << shift;
        }
        return out;
    }

    /** Two colours within 1 in each channel (Java2D's blending rounds its own way). */
    private static boolean close(int a, int b) {
        for (int shift = 16; shift >= 0; shift -= 8) {
            if (Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)) > 1) {
                return false;
            }
        }
        return true;
    }
}
