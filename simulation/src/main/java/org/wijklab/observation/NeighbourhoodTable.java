package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.Tenure;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.process.Observation;
import org.wijklab.process.Stock;

/** {@code neighbourhoods.csv}: one row per tick and neighbourhood (place-based outcomes). */
public final class NeighbourhoodTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"tick", "year", "neighbourhood", "residents", "households", "adults", "children",
        "employment_rate", "unemployment_rate", "mean_income", "low_income_share", "good_mental_health",
        "severe_mental_health", "debt_share", "supervision_orders_active", "liveability", "liveability_class",
        "liveability_class_name", "rank", "reputation", "cohesion", "safety", "vacancy_rate", "social_rent_share",
        "owner_share", "price_private_rent", "price_owner", "moves_in", "moves_out", "in_migrants", "out_migrants",
        "evictions", "new_supervision_orders", "new_second_line_care", "births", "deaths", "turnover",
        "component_dwellings", "component_environment", "component_facilities", "component_cohesion",
        "component_safety", "component_population", "single_person_share", "low_educated_share", "benefit_share",
        "mean_head_age", "equivalised_income", "mean_quality", "maintenance_spend", "dwellings_built",
        "dwellings_demolished", "facilities"};
    private final Csv csv;

    public NeighbourhoodTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        Observation o = model.observation();
        for (int j = 0; j < nb.count; j++) {
            int hh = nb.households[j];
            int vacant = 0;
            for (int t = 0; t < Tenure.COUNT; t++) {
                vacant += nb.vacantByTenure[j][t];
            }
            csv.cell(tick).round(tick / 12.0).text(nb.name[j]).cell(nb.residents[j]).cell(hh).cell(o.adults(j))
                    .cell(o.children(j)).round(nb.employmentRate[j]).round(nb.unemploymentShare[j])
                    .round(nb.meanIncome[j]).round(nb.lowIncomeShare[j]).round(nb.goodMentalHealth[j])
                    .cell(o.severeMental(j)).round(share(o.debtHouseholds(j), hh)).cell(o.activeOrders(j))
                    .round(nb.liveability[j]).cell(nb.liveabilityClass[j] + 1)
                    .cell(Neighbourhoods.CLASS_NAMES[nb.liveabilityClass[j]]).cell(nb.rank[j])
                    .round(nb.reputation[j]).round(nb.cohesion[j]).round(nb.safety[j])
                    .round(share(vacant, nb.dwellings[j]))
                    .round(share(nb.dwellingsByTenure[j][Tenure.SOCIAL], nb.dwellings[j])).round(nb.ownerShare[j])
                    .round(nb.priceLevel[j][Tenure.PRIVATE]).round(nb.priceLevel[j][Tenure.OWNER])
                    .cell(nb.movesIn[j]).cell(nb.movesOut[j]).cell(nb.inMigrants[j]).cell(nb.outMigrants[j])
                    .cell(nb.evictions[j]).cell(nb.supervisionOrders[j]).cell(nb.secondLineCare[j])
                    .cell(nb.births[j]).cell(nb.deaths[j]).round(nb.turnover[j]);
            for (int k = 0; k < Neighbourhoods.COMPONENTS; k++) {
                csv.round(nb.components[j][k]);
            }
            csv.round(share(o.singles(j), hh)).round(share(o.lowEducated(j), o.adults(j)))
                    .round(share(o.onBenefit(j), o.workingAge(j))).round(o.meanHeadAge(j))
                    .round(o.equivalisedIncome(j));
            Stock stock = model.stock();
            csv.round(nb.meanQuality[j]).round(stock.maintenanceSpend(j)).cell(stock.built(j))
                    .cell(stock.demolished(j)).round(nb.facilities[j]);
            csv.end();
        }
    }

    static double share(long a, long b) {
        return b == 0 ? 0.0 : a / (double) b;
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
