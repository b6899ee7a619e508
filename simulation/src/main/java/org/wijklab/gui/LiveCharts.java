package org.wijklab.gui;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.util.ArrayList;
import java.util.List;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartPanel;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import org.wijklab.policy.Programmes;

/**
 * The GUI's live charts (JFreeChart 1.5 in frames the Console lists): employment and liveability
 * per neighbourhood, the targets against the rest of the city, and moves into and out of the
 * targets per month. Values are read from the model after each step and added to the charts on
 * the Swing thread.
 */
final class LiveCharts {
    private final List<JFrame> frames = new ArrayList<>();
    private final XYSeriesCollection employment = new XYSeriesCollection();
    private final XYSeriesCollection liveability = new XYSeriesCollection();
    private final XYSeriesCollection targets = new XYSeriesCollection();
    private final XYSeriesCollection moves = new XYSeriesCollection();
    private final XYSeries targetsEmployment = new XYSeries("targets: employment", false, true);
    private final XYSeries restEmployment = new XYSeries("rest of the city: employment", false, true);
    private final XYSeries targetsLiveability = new XYSeries("targets: liveability", false, true);
    private final XYSeries restLiveability = new XYSeries("rest of the city: liveability", false, true);
    private final XYSeries movesIn = new XYSeries("households moving into the targets", false, true);
    private final XYSeries movesOut = new XYSeries("households moving out of the targets", false, true);
    private final XYSeriesCollection erosion = new XYSeriesCollection();
    private final XYSeries people = new XYSeries("people change (the cohort, wherever it lives)", false, true);
    private final XYSeries placeChange = new XYSeries("place change (whoever lives in the targets)", false, true);
    private final XYSeries eroded = new XYSeries("eroded (people minus place)", false, true);
    private final XYSeriesCollection difference = new XYSeriesCollection();
    private final XYSeries diffEmployment = new XYSeries("employment share", false, true);
    private final XYSeries diffMental = new XYSeries("good mental health share", false, true);
    private final XYSeries diffLiveability = new XYSeries("liveability score", false, true);
    private final boolean compare;
    private int in;
    private int out;

    /** The charts of one city; with {@code compare}, also the second city's difference from the first. */
    LiveCharts(boolean compare, String first, String second) {
        this.compare = compare;
        targets.addSeries(targetsEmployment);
        targets.addSeries(restEmployment);
        targets.addSeries(targetsLiveability);
        targets.addSeries(restLiveability);
        moves.addSeries(movesIn);
        moves.addSeries(movesOut);
        frames.add(frame("Employment per neighbourhood", "share of working-age adults in work", employment));
        frames.add(frame("Liveability per neighbourhood", "liveability score", liveability));
        frames.add(frame("The targets against the rest of the city", "employment share / liveability score", targets));
        frames.add(frame("Moves into and out of the targets", "households per month", moves));
        erosion.addSeries(people);
        erosion.addSeries(placeChange);
        erosion.addSeries(eroded);
        frames.add(frame("The erosion so far: employment in the targets since the programme began",
                "change in the share of working-age adults in work", erosion));
        if (compare) {
            difference.addSeries(diffEmployment);
            difference.addSeries(diffMental);
            difference.addSeries(diffLiveability);
            frames.add(frame("The targets: " + second + " minus " + first, "difference (same city, same seed)", difference));
        }
    }

    private static JFrame frame(String title, String yLabel, XYSeriesCollection data) {
        JFreeChart chart = ChartFactory.createXYLineChart(title, "year", yLabel, data, PlotOrientation.VERTICAL, true,
                true, false);
        // a modest title: at start the window shares the screen with the map and the others (Workspace)
        chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
        ChartPanel panel = new ChartPanel(chart);
        panel.setPreferredSize(new Dimension(520, 340));
        // drawn at the window's own size down to 200x150, rather than a larger picture scaled down
        panel.setMinimumDrawWidth(200);
        panel.setMinimumDrawHeight(150);
        JFrame f = new JFrame(title);
        f.getContentPane().add(panel, BorderLayout.CENTER);
        f.pack();
        f.setDefaultCloseOperation(JFrame.HIDE_ON_CLOSE);
        return f;
    }

    List<JFrame> frames() {
        return frames;
    }

    /** A move, as the model reports it: counted when it crosses a target's border. */
    synchronized void move(boolean fromTarget, boolean toTarget) {
        if (toTarget && !fromTarget) {
            in++;
        }
        if (fromTarget && !toTarget) {
            out++;
        }
    }

    /** Empties every chart for a new run of the model. */
    void reset(WijkLabModel model) {
        Neighbourhoods nb = model.neighbourhoods();
        onSwing(() -> {
            employment.removeAllSeries();
            liveability.removeAllSeries();
            for (int j = 0; j < nb.count; j++) {
                employment.addSeries(new XYSeries(nb.name[j], false, true));
                liveability.addSeries(new XYSeries(nb.name[j], false, true));
            }
            for (XYSeries s : List.of(targetsEmployment, restEmployment, targetsLiveability, restLiveability, movesIn,
                    movesOut, people, placeChange, eroded, diffEmployment, diffMental, diffLiveability)) {
                s.clear();
            }
        });
        synchronized (this) {
            in = 0;
            out = 0;
        }
    }

    /** Adds the model's state at the end of a tick. */
    void update(WijkLabModel model) {
        Neighbourhoods nb = model.neighbourhoods();
        double year = model.tick() / 12.0;
        double[] emp = nb.employmentRate.clone();
        double[] liv = nb.liveability.clone();
        boolean[] isTarget = new boolean[nb.count];
        for (Programmes.Run run : model.programmes().runs()) {
            if (run.isTarget != null) {
                for (int j = 0; j < nb.count; j++) {
                    isTarget[j] |= run.isTarget[j];
                }
            }
        }
        double[] t = new double[4];
        double[] w = new double[2];
        for (int j = 0; j < nb.count; j++) {
            int k = isTarget[j] ? 0 : 1;
            double hh = nb.households[j];
            t[k] += emp[j] * hh;
            t[2 + k] += liv[j] * hh;
            w[k] += hh;
        }
        int movedIn;
        int movedOut;
        synchronized (this) {
            movedIn = in;
            movedOut = out;
            in = 0;
            out = 0;
        }
        boolean anyTarget = w[0] > 0;
        onSwing(() -> {
            for (int j = 0; j < emp.length && j < employment.getSeriesCount(); j++) {
                employment.getSeries(j).add(year, emp[j]);
                liveability.getSeries(j).add(year, liv[j]);
            }
            if (anyTarget) {
                targetsEmployment.add(year, t[0] / w[0]);
                targetsLiveability.add(year, t[2] / w[0]);
                movesIn.add(year, movedIn);
                movesOut.add(year, movedOut);
            }
            if (w[1] > 0) {
                restEmployment.add(year, t[1] / w[1]);
                restLiveability.add(year, t[3] / w[1]);
            }
        });
    }

    /** The erosion so far at a moment: the cohort's and the place's change since the programme began. */
    void erosion(double year, double peopleChange, double placeChangeValue) {
        onSwing(() -> {
            people.add(year, peopleChange);
            placeChange.add(year, placeChangeValue);
            eroded.add(year, peopleChange - placeChangeValue);
        });
    }

    /** The second city's targets minus the first's (household-weighted, the same neighbourhoods). */
    void difference(double year, double employment, double mental, double liveabilityScore) {
        if (!compare) {
            return;
        }
        onSwing(() -> {
            diffEmployment.add(year, employment);
            diffMental.add(year, mental);
            diffLiveability.add(year, liveabilityScore);
        });
    }

    /** Points in the erosion chart (for tests). */
    int erosionPoints() {
        return people.getItemCount();
    }

    /** Points in the difference chart (for tests). */
    int differencePoints() {
        return diffEmployment.getItemCount();
    }

    /** Points in the first chart's first series (for tests). */
    int points() {
        return employment.getSeriesCount() == 0 ? 0 : employment.getSeries(0).getItemCount();
    }

    static void onSwing(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }

    void dispose() {
        for (JFrame f : frames) {
            f.dispose();
        }
    }
}
