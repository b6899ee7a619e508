package org.wijklab.observation;

import java.nio.file.Path;
import org.wijklab.model.Households;
import org.wijklab.model.Ledger;
import org.wijklab.model.Neighbourhoods;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.Tenure;
import org.wijklab.model.TickListener;
import org.wijklab.model.WijkLabModel;
import org.wijklab.process.Observation;

/** {@code city.csv}: one row per tick with city-wide aggregates and the demographic accounts. */
public final class CityTable implements TickListener, OutputFile {
    private static final long serialVersionUID = 1L;

    static final String[] HEADER = {"tick", "year", "residents", "households", "dwellings", "vacancy_rate",
        "employment_rate", "unemployment_rate", "mean_income", "low_income_share", "good_mental_health",
        "births", "deaths", "persons_in", "persons_out", "households_formed", "households_in", "households_out",
        "households_dissolved", "moves_within", "moving_households", "pending_starters", "evictions",
        "new_supervision_orders", "new_second_line_care", "job_loss_multiplier", "job_finding_multiplier",
        "region_households", "region_persons", "region_employment_rate", "region_mean_income"};
    private final Csv csv;

    public CityTable(Path file) {
        csv = new Csv(file, HEADER);
    }

    @Override
    public void onTick(WijkLabModel model, int tick) {
        Neighbourhoods nb = model.neighbourhoods();
        Observation o = model.observation();
        Ledger l = model.ledger();
        long residents = 0;
        long households = 0;
        long dwellings = 0;
        long vacant = 0;
        long working = 0;
        long employed = 0;
        long unemployed = 0;
        long adults = 0;
        long good = 0;
        long low = 0;
        double income = 0;
        long evictions = 0;
        long orders = 0;
        long care = 0;
        for (int j = 0; j < nb.count; j++) {
            residents += nb.residents[j];
            households += nb.households[j];
            dwellings += nb.dwellings[j];
            for (int t = 0; t < Tenure.COUNT; t++) {
                vacant += nb.vacantByTenure[j][t];
            }
            working += o.workingAge(j);
            employed += o.employed(j);
            unemployed += o.unemployed(j);
            adults += o.adults(j);
            good += o.goodMental(j);
            low += o.lowIncome(j);
            income += nb.meanIncome[j] * nb.households[j];
            evictions += nb.evictions[j];
            orders += nb.supervisionOrders[j];
            care += nb.secondLineCare[j];
        }
        long moving = l.movesWithin + l.householdsIn + l.householdsOut + l.householdsFormed;
        csv.cell(tick).round(tick / 12.0).cell(residents).cell(households).cell(dwellings)
                .round(NeighbourhoodTable.share(vacant, dwellings)).round(NeighbourhoodTable.share(employed, working))
                .round(NeighbourhoodTable.share(unemployed, working)).round(households == 0 ? 0 : income / households)
                .round(NeighbourhoodTable.share(low, households)).round(NeighbourhoodTable.share(good, adults))
                .cell(l.births).cell(l.deaths).cell(l.personsIn).cell(l.personsOut).cell(l.householdsFormed)
                .cell(l.householdsIn).cell(l.householdsOut).cell(l.householdsDissolved).cell(l.movesWithin)
                .cell(moving).cell(model.pending().size()).cell(evictions).cell(orders).cell(care)
                .round(model.jobLossMultiplier).round(model.jobFindingMultiplier);
        // the households followed in the region after leaving the city (all their members counted)
        RegionHouseholds r = model.region();
        long regionWorking = 0;
        long regionEmployed = 0;
        double regionIncome = 0;
        for (int k = 0; k < r.bound(); k++) {
            if (!r.live[k]) {
                continue;
            }
            for (int a = 0; a < r.adults[k]; a++) {
                byte st = r.status[2 * k + a];
                regionWorking += st != Households.RETIRED ? 1 : 0;
                regionEmployed += st == Households.EMPLOYED ? 1 : 0;
            }
            regionIncome += r.income[k];
        }
        csv.cell(r.liveCount()).cell(model.persons().inRegion())
                .round(NeighbourhoodTable.share(regionEmployed, regionWorking))
                .round(r.liveCount() == 0 ? 0 : regionIncome / r.liveCount());
        csv.end();
    }

    @Override
    public Csv csv() {
        return csv;
    }
}
