package org.wijklab.model;

import org.wijklab.scenario.Scenario;

/**
 * Household disposable income from its adults' states: wages of the employed, pensions of the
 * retired, a social-assistance benefit when nobody works (single or couple norm), plus child
 * benefit. A non-working partner of an earner adds nothing (the Dutch partner means test).
 */
public final class IncomeRules {
    private IncomeRules() {
    }

    public static double income(Scenario.Labour lab, byte[] status, int base, int adults, double wage, int children) {
        double sum = 0;
        int employed = 0;
        int onBenefit = 0;
        for (int a = 0; a < adults; a++) {
            byte st = status[base + a];
            if (st == Households.EMPLOYED) {
                sum += wage;
                employed++;
            } else if (st == Households.RETIRED) {
                sum += lab.pensionPerAdult();
            } else {
                onBenefit++;
            }
        }
        if (employed == 0 && onBenefit > 0) {
            sum += adults == 1 ? lab.benefitSingle() : onBenefit * lab.benefitPerAdultInCouple();
        }
        return sum + children * lab.childBenefit();
    }
}
