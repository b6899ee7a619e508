package org.wijklab.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** The box a map key is written in: a light, nearly opaque background with a thin grey border. */
final class KeyBox {
    private static final Color BACKGROUND = new Color(255, 255, 255, 225);

    private KeyBox() {
    }

    /** Draws the box at (x, y), w wide and h high; the caller writes the key's lines into it. */
    static void draw(Graphics2D g, double x, double y, double w, double h) {
        g.setColor(BACKGROUND);
        g.fill(new Rectangle2D.Double(x, y, w, h));
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(x, y, w, h));
    }
}
