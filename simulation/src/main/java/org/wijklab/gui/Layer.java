package org.wijklab.gui;

/** What the city map colours each dwelling by. */
public enum Layer {
    EMPLOYMENT("employment", "share of the household's working-age adults in work"),
    INCOME("income quintile", "the household's income quintile in the city (1 lowest, 5 highest)"),
    MENTAL_HEALTH("mental health", "share of the household's adults in good mental health"),
    LIVEABILITY("liveability class", "the neighbourhood's liveability class (very negative to excellent)");

    public final String label;
    public final String meaning;

    Layer(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    @Override
    public String toString() {
        return label;
    }
}
