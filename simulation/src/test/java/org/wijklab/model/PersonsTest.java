package org.wijklab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class PersonsTest {
    @Test
    void aMonthIsKeptExactlyOrRefusedNeverWrapped() {
        for (int t : new int[] {0, 1, -1, 2_400, -3_600, Short.MAX_VALUE, Short.MIN_VALUE + 1}) {
            assertEquals(t, Persons.month(t));
        }
        // Short.MIN_VALUE is the arrays' "none": a month never takes it
        for (int t : new int[] {Short.MAX_VALUE + 1, Short.MIN_VALUE, Short.MIN_VALUE - 1, 100_000, Integer.MIN_VALUE}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Persons.month(t));
            assertTrue(e.getMessage().contains(Integer.toString(t)), e.getMessage());
        }
    }

    @Test
    void theNonesLieBelowEveryMonthARunCanHave() {
        // the scenario allows at most 200 years, a 100-year warm-up and persons born a century
        // before it: months from -2,412 to 2,400, all above the arrays' "none"
        int earliest = -12 * (100 + 101);
        for (int none : new int[] {Persons.NO_WW, Persons.NOT_NEEDED, Persons.REGISTRATION_UNKNOWN, Help.NEVER,
                Households.NOT_SEARCHING}) {
            assertEquals(Short.MIN_VALUE, none);
            assertTrue(none < earliest);
        }
    }

    @Test
    void freedSlotsAreReusedLastFreedFirstHoweverManyAreFree() {
        Persons ps = new Persons(16);
        int n = 5_000; // more than the free list's first size: it grows with the free slots
        int[] slot = new int[n];
        for (int i = 0; i < n; i++) {
            slot[i] = ps.create(Persons.ORIGIN_INITIAL, 0);
            assertEquals(i, slot[i]);
        }
        int capacity = ps.capacity();
        for (int i = 0; i < n; i++) {
            ps.release(slot[i]);
        }
        assertEquals(0, ps.inCity());
        for (int i = n - 1; i >= 0; i--) {
            int p = ps.create(Persons.ORIGIN_BORN, 1);
            assertEquals(slot[i], p);
            assertEquals(Persons.CITY, ps.place[p]);
            assertEquals(Persons.NO_WW, ps.wwUntil[p]);
            assertEquals(Help.NEVER, ps.helpFirst[p]);
        }
        assertEquals(capacity, ps.capacity());
        assertEquals(n, ps.bound());
        assertEquals(2L * n, ps.created());
        assertEquals(n, ps.releasedAlive());
    }

    @Test
    void theBytesASlotIsSaidToHoldAreTheArraysBytes() throws IllegalAccessException {
        Persons ps = new Persons(4_096);
        assertEquals(Persons.bytesPerSlot(), arrayBytes(ps, ps.capacity()));
        RegionHouseholds region = new RegionHouseholds(4_096);
        assertEquals(RegionHouseholds.bytesPerSlot(), arrayBytes(region, region.capacity()));
    }

    /** Bytes a slot of the object's arrays: those as long as the capacity or twice it (the adults' pairs); a free list grows apart. */
    private static long arrayBytes(Object o, int capacity) throws IllegalAccessException {
        long bytes = 0;
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || !f.getType().isArray()) {
                continue;
            }
            f.setAccessible(true);
            Object a = f.get(o);
            int n = Array.getLength(a);
            if (n != capacity && n != 2 * capacity) {
                continue;
            }
            Class<?> e = f.getType().getComponentType();
            int width = e == long.class || e == double.class ? 8
                    : e == int.class || e == float.class ? 4 : e == short.class || e == char.class ? 2 : 1;
            bytes += (long) width * (n / capacity);
        }
        return bytes;
    }
}
