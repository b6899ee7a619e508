package org.wijklab.gui;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Rectangle2D;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.WijkLabModel;
import sim.portrayal.DrawInfo2D;
import sim.portrayal.FieldPortrayal2D;

/**
 * A layer that tints each neighbourhood by its liveability class (the colours of the map's scale,
 * half transparent), over whatever the dwellings show. Off at first: the display's Layers menu
 * switches it on.
 */
final class LiveabilityLayer extends FieldPortrayal2D {
    private final WijkLabModel model;
    private final CityView view;
    private final Area[] shapes;

    LiveabilityLayer(WijkLabModel model, CityView view) {
        this.model = model;
        this.view = view;
        setField(view.hood);
        int n = model.neighbourhoods().count;
        shapes = new Area[n];
        for (int j = 0; j < n; j++) {
            shapes[j] = new Area();
        }
        // one rectangle per run of a neighbourhood's pixels in a column
        for (int x = 0; x < view.width; x++) {
            int y = 0;
            while (y < view.height) {
                int j = view.hood.field[x][y];
                int y0 = y;
                while (y < view.height && view.hood.field[x][y] == j) {
                    y++;
                }
                if (j >= 0) {
                    shapes[j].add(new Area(new Rectangle2D.Double(x, y0, 1, y - y0)));
                }
            }
        }
    }

    @Override
    public void draw(Object object, Graphics2D g, DrawInfo2D info) {
        double s = info.draw.width / view.width;
        AffineTransform t = new AffineTransform(s, 0, 0, s, info.draw.x, info.draw.y);
        Composite old = g.getComposite();
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
        Neighbourhoods nb = model.neighbourhoods();
        double classes = Neighbourhoods.CLASS_NAMES.length - 1;
        for (int j = 0; j < shapes.length; j++) {
            Color c = Colours.interpolate(nb.liveabilityClass[j] / classes);
            g.setColor(c);
            g.fill(shapes[j].createTransformedArea(t));
        }
        g.setComposite(old);
    }
}
