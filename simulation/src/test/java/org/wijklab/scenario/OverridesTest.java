package org.wijklab.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --set KEY=VALUE}: paths into the resolved scenario, array steps, values, and one-line errors. */
class OverridesTest {
    private static final String TWO_PROGRAMMES = """
            { "name": "two", "programmes": [
              { "name": "a", "targets": { "weakest": 2 }, "themes": { "work": 1 } },
              { "name": "b", "targets": { "names": ["Molenwijk"] }, "themes": { "health": 1 } } ] }""";

    private static Scenario two() {
        return ScenarioLoader.fromJson(TWO_PROGRAMMES, "two.json");
    }

    @Test
    void noOverridesLeaveTheScenarioAsItIs() {
        Scenario s = ScenarioLoader.defaults();
        assertSame(s, Overrides.parse(List.of()).apply(s));
        assertSame(s, Overrides.parse(null).apply(s));
    }

    @Test
    void aNestedNumberIsReplacedAndTheRestKept() {
        Scenario s = ScenarioLoader.defaults();
        Scenario t = Overrides.parse(List.of("policy.themes.teamCareShare=0.4", "years=12")).apply(s);
        assertEquals(0.4, t.policy().themes().teamCareShare());
        assertEquals(12, t.years());
        assertEquals(s.policy().themes().doseScale(), t.policy().themes().doseScale());
        assertEquals(s.city().residents(), t.city().residents());
    }

    @Test
    void anArrayElementAndAWholeArray() {
        Scenario s = ScenarioLoader.defaults();
        Scenario t = Overrides.parse(List.of("policy.themes.maxEffect.3=0.25")).apply(s);
        assertEquals(0.25, t.policy().themes().maxEffect()[3]);
        assertEquals(s.policy().themes().maxEffect()[0], t.policy().themes().maxEffect()[0]);
        Scenario u = Overrides.parse(List.of("policy.themes.maxEffect=[0.01,0.1,0.1,0.1]")).apply(s);
        assertEquals(0.01, u.policy().themes().maxEffect()[0]);
    }

    @Test
    void cohortYearsAreAWholeListOrOneElement() {
        Scenario s = ScenarioLoader.defaults();
        assertEquals(List.of(0, 2, 5), boxed(Overrides.parse(List.of("output.cohortYears=[0,2,5]")).apply(s)));
        assertEquals(List.of(0, 3), boxed(Overrides.parse(List.of("output.cohortYears[1]=3")).apply(s)));
        assertEquals(List.of(), boxed(Overrides.parse(List.of("output.cohortYears=[]")).apply(s)));
    }

    private static List<Integer> boxed(Scenario s) {
        return java.util.Arrays.stream(s.output().cohortYears()).boxed().toList();
    }

    @Test
    void aStarReachesEveryProgrammeAndAnIndexOnlyOne() {
        Scenario all = Overrides.parse(List.of("programmes.*.ownershipSupport=0.9")).apply(two());
        assertEquals(0.9, all.programmes().get(0).ownershipSupport());
        assertEquals(0.9, all.programmes().get(1).ownershipSupport());
        Scenario one = Overrides.parse(List.of("programmes.1.ownershipSupport=0.9")).apply(two());
        assertEquals(two().programmes().get(0).ownershipSupport(), one.programmes().get(0).ownershipSupport());
        assertEquals(0.9, one.programmes().get(1).ownershipSupport());
    }

    @Test
    void aStarOverNoProgrammesIsRefusedForOneScenarioAndLeftAloneAcrossSeveral() {
        Scenario s = ScenarioLoader.defaults();
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> Overrides.parse(List.of("programmes.*.ownershipSupport=0.9")).apply(s));
        assertEquals("--set programmes.*.ownershipSupport: matches nothing in scenario 'baseline' (an empty list on the way), "
                + "so it would change nothing", e.getMessage());
        Overrides across = Overrides.parse(List.of("programmes.*.ownershipSupport=0.9")).across(List.of(s, two()));
        assertEquals(ScenarioLoader.toJson(s), ScenarioLoader.toJson(across.apply(s)));
    }

    @Test
    void aBareWordIsAString() {
        Scenario t = Overrides.parse(List.of("name=other-name", "programmes.0.team.mode=integral",
                "programmes.0.team.budgetShare=0.2", "programmes.0.themes.work=0.8")).apply(two());
        assertEquals("other-name", t.name());
        assertEquals("integral", t.programmes().get(0).team().mode());
    }

    @Test
    void bracketsNamesAndTheOldDottedFormNameTheSameFields() {
        Scenario a = Overrides.parse(List.of("programmes[1].ownershipSupport=0.9")).apply(two());
        Scenario b = Overrides.parse(List.of("programmes.1.ownershipSupport=0.9")).apply(two());
        Scenario c = Overrides.parse(List.of("programmes[name=" + two().programmes().get(1).name()
                + "].ownershipSupport=0.9")).apply(two());
        assertEquals(ScenarioLoader.toJson(a), ScenarioLoader.toJson(b));
        assertEquals(ScenarioLoader.toJson(a), ScenarioLoader.toJson(c));
        Scenario all = Overrides.parse(List.of("programmes[*].ownershipSupport=0.8")).apply(two());
        assertEquals(0.8, all.programmes().get(0).ownershipSupport());
        assertEquals(0.8, all.programmes().get(1).ownershipSupport());
        Scenario hood = Overrides.parse(List.of("city.neighbourhoods[name=Kanaalzone].socialRentShare=0.5"))
                .apply(ScenarioLoader.defaults());
        assertEquals(0.5, hood.city().neighbourhoods().get(0).socialRentShare());
        assertEquals("Kanaalzone", hood.city().neighbourhoods().get(0).name());
    }

    @Test
    void mistakesAreOneLineNamingTheOverride() {
        Scenario s = two();
        for (String[] c : new String[][] {
            {"synergy=0.5", "no field 'synergy' (known:"},
            {"policy.themes.synergyy=0.5", "no field 'synergyy' in 'policy.themes'"},
            {"policy.themes.synergy", "expected KEY=VALUE"},
            {"policy.themes.synergy=", "no value"},
            {"policy..synergy=1", "empty step"},
            {"programmes.2.name=x", "has 2 entries; index 2"},
            {"programmes.first.name=x", "give [i] (0-1), [*] or [name=X], not 'first'"},
            {"programmes[2].name=x", "has 2 entries; index 2"},
            {"programmes[name=nope].name=x", "no element named nope (names: "},
            {"programmes[x].name=x", "[x] is not an index"},
            {"programmes[0.name=x", "is not closed"},
            {"years.x=1", "'years' is a value"},
            {"policy.themes.teamCareShare=abc", "policy.themes.teamCareShare: expected a number"},
            {"policy.themes.teamCareShare=-0.5", "policy.themes.teamCareShare: -0.5 is not"},
            {"policy.themes.decisionMonths.5=1", "has 5 entries; index 5"},
            {"policy.themes.fragmentationLoss=0.2", "removed: an unpooled budget now loses what its funders may not spend"},
            {"policy.themes.reachScale=3", "removed: a theme's reach is now the share of the households"},
            {"output.cohortYears=[0,0]", "output.cohortYears[1]: year 0 is given twice"},
            {"output.cohortYears=[-1]", "output.cohortYears[0]: -1 is not in [0, 30]"},
            {"output.cohortYears.1=31", "output.cohortYears[1]: 31 is not in [0, 30]"},
        }) {
            ScenarioException e = assertThrows(ScenarioException.class, () -> Overrides.parse(List.of(c[0])).apply(s), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("--set"), c[0] + " -> " + e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
