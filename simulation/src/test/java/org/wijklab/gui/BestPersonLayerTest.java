package org.wijklab.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.wijklab.model.Households;
import org.wijklab.model.Persons;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;
import org.wijklab.scenario.ScenarioLoader;
import sim.portrayal.DrawInfo2D;
import sim.util.Bag;
import sim.portrayal.LocationWrapper;

/**
 * The best persons' markers ({@link BestPersonLayer}) and inspector ({@link Inspections.BestPerson})
 * on krachtwijk at 15,000 residents (seed 1, no warm-up; the programme starts at month 12 with its
 * originators, and best persons emerge, tire, rest and move while it runs; their protection lowered
 * to 0.1 so that some rest within the test's months), followed over 18 months from month 30: each month the markers by state plus the best persons with no dwelling in the city
 * equal the model's own counts (the programme's per-target summary, what services.csv writes), the
 * markers are exactly the persons the model marks as best persons, and each sits on its
 * household's dwelling. Deterministic (fixed seed): no tolerance. Draws into an image: no display needed.
 */
class BestPersonLayerTest {
    private static final int S = 6;
    /** The map under the markers in the test's picture. */
    private static final Color GREY = new Color(0x808080);

    /**
     * krachtwijk at 15,000 residents, no warm-up, stepped to a tick; its best persons' protection
     * set to {@code protection} (the file's 0.5: they hardly tire within a few years; 0.1: they tire
     * and rest within two).
     */
    static WijkLabModel krachtwijk(int ticks, double protection) throws Exception {
        String json = ScenarioLoader.read(Path.of("scenarios", "krachtwijk.json"));
        assertTrue(json.contains("\"protection\": 0.5"));
        json = json.replace("\"protection\": 0.5", "\"protection\": " + protection);
        WijkLabModel m = new WijkLabModel(ScenarioLoader.fromJson(json, "krachtwijk").withResidents(15000)
                .withWarmUpYears(0).withYears(5));
        m.start();
        while (m.tick() < ticks) {
            m.schedule.step(m);
        }
        return m;
    }

    @Test
    void oneMarkerPerBestPersonTheModelCountsByState() throws Exception {
        WijkLabModel m = krachtwijk(30, 0.1);
        CityView view = new CityView(m);
        BestPersonLayer layer = new BestPersonLayer(m, view);
        Persons ps = m.persons();
        Households h = m.households();
        int exactMonths = 0;
        int sawResting = 0;
        int sawActive = 0;
        for (int month = 0; month < 18; month++) {
            m.schedule.step(m);
            int active = 0;
            int resting = 0;
            for (Programmes.Run run : m.programmes().runs()) {
                for (int j = 0; run.bpActive != null && j < run.bpActive.length; j++) {
                    active += run.bpActive[j];
                    resting += run.bpResting[j];
                }
            }
            int markers = layer.markers();
            int byActive = layer.count(BestPersonLayer.ACTIVE) + layer.count(BestPersonLayer.TIRING);
            int byResting = layer.count(BestPersonLayer.RESTING);
            assertEquals(markers, byActive + byResting, "month " + m.tick());
            assertEquals(active + resting, markers + layer.away(), "every counted best person: a marker, or away, month " + m.tick());
            // the persons the model marks as best persons and who live in the city: one marker each
            int marked = 0;
            for (int p = 0; p < ps.id.length; p++) {
                if (ps.place[p] == Persons.CITY && (ps.bpState[p] == Persons.BP_ACTIVE || ps.bpState[p] == Persons.BP_RESTING)) {
                    marked++;
                }
            }
            assertEquals(marked, markers, "month " + m.tick());
            int[][] xy = view.dwellingPixels();
            for (int k = 0; k < markers; k++) {
                int[] mk = layer.marker(k);
                int d = h.dwelling[ps.household[mk[3]]];
                assertEquals(xy[0][d], mk[0]);
                assertEquals(xy[1][d], mk[1]);
                assertEquals(BestPersonLayer.kind(ps, mk[3]), (byte) mk[2]);
            }
            if (layer.away() == 0) {
                exactMonths++;
                assertEquals(active, byActive, "active, month " + m.tick());
                assertEquals(resting, byResting, "resting, month " + m.tick());
            }
            sawActive = Math.max(sawActive, byActive);
            sawResting = Math.max(sawResting, byResting);
        }
        assertTrue(exactMonths > 0, "a month with no best person away, to compare by state");
        assertTrue(sawActive > 0, "active best persons to count");
        assertTrue(sawResting > 0, "resting best persons to count");
        System.out.printf(Locale.ROOT, "best persons: up to %d active, %d resting; %d of 18 months with none away%n", sawActive,
                sawResting, exactMonths);
        m.finish();
    }

    @Test
    void aMarkerIsDrawnInItsColourAndOpensItsBestPersonsInspector() throws Exception {
        WijkLabModel m = krachtwijk(36, 0.1);
        CityView view = new CityView(m);
        BestPersonLayer layer = new BestPersonLayer(m, view);
        Persons ps = m.persons();
        Households h = m.households();
        BufferedImage img = new BufferedImage(view.width * S, view.height * S, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(GREY);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        Rectangle2D.Double r = new Rectangle2D.Double(0, 0, img.getWidth(), img.getHeight());
        layer.draw(null, g, new DrawInfo2D(null, layer, r, r));
        g.dispose();
        assertTrue(layer.markers() > 0, "best persons to show");
        int checked = 0;
        int withInitiative = 0;
        Programmes pg = m.programmes();
        for (int k = 0; k < layer.markers(); k++) {
            int[] mk = layer.marker(k);
            int p = mk[3];
            // the centre of the marker's dwelling, away from the key (upper right) and the only marker there
            boolean alone = true;
            for (int o = 0; o < layer.markers(); o++) {
                int[] other = layer.marker(o);
                alone &= o == k || other[0] != mk[0] || other[1] != mk[1];
            }
            boolean underKey = mk[1] * S < 120 && mk[0] * S > img.getWidth() - 360;
            if (alone && !underKey) {
                int rgb = img.getRGB(mk[0] * S + S / 2, mk[1] * S + S / 2) & 0xFFFFFF;
                Color want = mk[2] == BestPersonLayer.ACTIVE ? BestPersonLayer.ACTIVE_COLOUR
                        : mk[2] == BestPersonLayer.TIRING ? BestPersonLayer.TIRING_COLOUR : GREY;
                // a resting best person is a ring: its centre keeps the map's colour
                assertEquals(want.getRGB() & 0xFFFFFF, rgb, "marker " + k + " of kind " + mk[2]);
                checked++;
            }
            // a click at the marker's centre finds this best person
            Bag hit = new Bag();
            Rectangle2D.Double click = new Rectangle2D.Double(mk[0] * S + S / 2.0, mk[1] * S + S / 2.0, 1, 1);
            layer.hitObjects(new DrawInfo2D(null, layer, r, click), hit);
            Inspections.BestPerson b = null;
            for (Object o : hit) {
                Inspections.BestPerson c = (Inspections.BestPerson) ((LocationWrapper) o).getObject();
                if (c.person() == p) {
                    b = c;
                }
            }
            assertTrue(b != null, "the click finds the best person of marker " + k);
            // the inspector's fields are the model's values
            assertEquals(ps.bpEnergy[p], b.getEnergy(), 1e-9);
            assertEquals(m.tick() - ps.bpSince[p], b.getMonthsAsBestPerson());
            assertEquals("krachtwijk", b.getProgramme());
            assertEquals(m.scenario().policy().bestPersons().network(), b.getNetworkSize());
            int s = ps.household[p];
            assertTrue(b.getNeighbourhood().startsWith(m.neighbourhoods().name[h.hood[s]]) || b.getNeighbourhood().contains(" (moved to "
                    + m.neighbourhoods().name[h.hood[s]]), b.getNeighbourhood());
            assertTrue(b.getHouseholdIncome().startsWith(String.format(Locale.ROOT, "%,.0f euro", (double) h.income[s])),
                    b.getHouseholdIncome());
            // the dwelling's inspector says which adult is the best person
            String persons = String.join("\n", new Inspections.Dwelling(m, null, null, h.dwelling[s]).getPersons());
            assertTrue(persons.contains(String.format(Locale.ROOT, "a best person (%s, energy %.2f, for %d months)",
                    ps.bpState[p] == Persons.BP_ACTIVE ? "active" : "exhausted, resting", ps.bpEnergy[p], m.tick() - ps.bpSince[p])),
                    persons);
            String state = b.getState();
            assertTrue(mk[2] == BestPersonLayer.ACTIVE ? state.equals("active")
                    : mk[2] == BestPersonLayer.TIRING ? state.startsWith("active, tiring") : state.startsWith("exhausted, resting: "
                            + ps.bpRestLeft[p] + " month"), state);
            int carried = b.carrying();
            if (carried >= 0) {
                withInitiative++;
                int[] in = pg.initiative(carried);
                String line = String.join("\n", b.getInitiatives());
                assertTrue(line.contains("initiative " + carried + " in " + m.neighbourhoods().name[in[0]]), line);
                assertTrue(line.contains(in[4] + " member"), line);
                assertTrue(line.contains(in[2] == p ? "founded and carried" : "carried (taken over)"), line);
            }
        }
        assertTrue(checked > 0, "markers to check the colour of");
        assertTrue(withInitiative > 0, "a best person carrying an initiative");
        m.finish();
    }
}
