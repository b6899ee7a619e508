package org.wijklab.report.chart;

/**
 * One neighbourhood tile of the schematic city map: its name, its grid column and row (0-based), its
 * class as an index into the class names given to the map (or -1 for "no data"), and a short value
 * label printed under the name (e.g. "0.43").
 */
public record Tile(String name, int column, int row, int cls, String valueLabel) {
}
