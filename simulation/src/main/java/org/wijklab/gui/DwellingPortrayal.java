package org.wijklab.gui;

import sim.display.GUIState;
import sim.portrayal.Inspector;
import sim.portrayal.LocationWrapper;
import sim.portrayal.SimpleInspector;
import sim.portrayal.grid.FastValueGridPortrayal2D;
import sim.util.Int2D;

/**
 * The dwellings, one pixel each, coloured by the current layer. Clicking one opens an inspector
 * of the dwelling and its household (and from there its neighbourhood and programme), not of the
 * colour value.
 */
final class DwellingPortrayal extends FastValueGridPortrayal2D {
    private final City city;

    DwellingPortrayal(City city) {
        super("dwelling", false);
        this.city = city;
        setMap(new Colours());
    }

    @Override
    public Inspector getInspector(LocationWrapper wrapper, GUIState state) {
        if (wrapper == null || !(wrapper.getLocation() instanceof Int2D loc)) {
            return null;
        }
        Object inspected = city.inspectAt(loc.x, loc.y);
        return inspected == null ? null : new SimpleInspector(inspected, state, "Dwelling");
    }

    @Override
    public String getName(LocationWrapper wrapper) {
        if (wrapper != null && wrapper.getLocation() instanceof Int2D loc) {
            return city.describeAt(loc.x, loc.y);
        }
        return "dwelling";
    }
}
