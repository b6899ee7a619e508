package org.wijklab.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.wijklab.model.Persons;
import org.wijklab.model.RegionHouseholds;
import org.wijklab.model.WijkLabModel;

/**
 * Heap a city takes: generates the default city ({@code baseline.json}, two-year warm-up) at
 * 1,000,000 residents, then simulates ten years, and reports the heap in use after a full
 * garbage collection (several {@code System.gc()} calls with pauses, read from the
 * {@code MemoryMXBean}) before set-up, after set-up and after the ten years. Bytes per resident
 * are the growth over the before-set-up figure divided by the residents, so what the JVM and the
 * libraries hold anyway is not counted; the figure is heap after GC, not a per-object layout. It
 * also reports the bytes the model thread allocates per tick over the eleventh year (the thread's
 * allocation counter, {@code com.sun.management.ThreadMXBean}): the steady-state tick's garbage.
 * Then it goes on to the thirtieth year, the length of a default run, and reports the heap again
 * with the persons the run follows: the residents who left the city since tick 0 live on in the
 * region (the whole run is one period of the erosion decomposition), so the region's pool is at
 * its largest at the end; its arrays' bytes are counted from their sizes.
 *
 * <p>Beside the heap it counts the model's own objects part by part ({@link Footprint}: the
 * persons, the households, the region, the dwellings, ...), a figure no collector changes.
 *
 * <p>The heap figure depends on the collector: G1 gives an array larger than half a region whole
 * regions of its own, and the person arrays of 2 and 4 bytes a slot (4.5 and 9 MB after 30 years
 * at a million residents) are such arrays with the 8 MB regions G1 picks for a 12 GB heap. Run it with the launcher's options
 * ({@code -Xmx12g -XX:G1HeapRegionSize=32m}); the JSON names the collector and its region size.
 *
 * <p>Usage: {@code Memory [residents] [output.json]}; by default 1,000,000 residents and
 * {@code results/benchmarks/memory.json} under the working directory. It prints a summary and
 * writes the figures as JSON.
 */
public final class Memory {

    private static final int YEARS = 10;
    private static final int RUN_YEARS = 30;

    private Memory() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int residents = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path out = args.length > 1 ? Path.of(args[1]) : Path.of("results", "benchmarks", "memory.json");
        Map<String, Object> figures = measure(residents);
        figures.forEach((k, v) -> System.out.println(k + ": " + v));
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), figures);
        System.out.println("written: " + out);
    }

    /** Builds and runs the city and returns the figures, in the order they are written. */
    static Map<String, Object> measure(int residents) throws InterruptedException {
        long before = heapAfterGc();
        WijkLabModel model = new WijkLabModel(Cities.scenario("baseline", residents));
        model.start();
        long afterSetUp = heapAfterGc();
        int residentsAtSetUp = residentsNow(model);
        for (int month = 0; month < 12 * YEARS; month++) {
            model.schedule.step(model);
        }
        long afterRun = heapAfterGc();
        int residentsAfterRun = residentsNow(model);
        // steady-state allocation: bytes this thread allocates over a further year of ticks
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        for (int month = 0; month < 12; month++) {
            model.schedule.step(model);
        }
        long allocatedPerTick = (threads.getCurrentThreadAllocatedBytes() - allocatedBefore) / 12;
        for (int month = 12 * (YEARS + 1); month < 12 * RUN_YEARS; month++) {
            model.schedule.step(model);
        }
        long afterFullRun = heapAfterGc();
        int residentsAfterFullRun = residentsNow(model);
        Persons persons = model.persons();
        RegionHouseholds region = model.region();
        long personBytes = (long) persons.capacity() * Persons.bytesPerSlot();
        long regionBytes = (long) region.capacity() * RegionHouseholds.bytesPerSlot();
        Map<String, Long> parts = Footprint.byPart(model);
        Reference.reachabilityFence(model);

        Map<String, Object> f = new LinkedHashMap<>();
        f.put("measure", "heap in use after full GC (MemoryMXBean), bytes");
        f.put("scenario", "baseline");
        f.put("residents", residents);
        f.put("residentsAfterSetUp", residentsAtSetUp);
        f.put("residentsAfterYears", residentsAfterRun);
        f.put("years", YEARS);
        f.put("heapBeforeSetUp", before);
        f.put("heapAfterSetUp", afterSetUp);
        f.put("heapAfterYears", afterRun);
        f.put("bytesPerResidentAfterSetUp", (double) (afterSetUp - before) / residentsAtSetUp);
        f.put("bytesPerResidentAfterYears", (double) (afterRun - before) / residentsAfterRun);
        f.put("allocatedPerTickInYear11", allocatedPerTick);
        f.put("allocatedPerResidentTickInYear11", (double) allocatedPerTick / residentsAfterRun);
        f.put("runYears", RUN_YEARS);
        f.put("residentsAfterRunYears", residentsAfterFullRun);
        f.put("heapAfterRunYears", afterFullRun);
        f.put("bytesPerResidentAfterRunYears", (double) (afterFullRun - before) / residentsAfterFullRun);
        f.put("personsInCity", persons.inCity());
        f.put("personsFollowedInRegion", persons.inRegion());
        f.put("deadPersonsKept", persons.deadKept());
        f.put("regionHouseholds", region.liveCount());
        f.put("personSlots", persons.capacity());
        f.put("regionSlots", region.capacity());
        f.put("personArraysBytesPerResident", (double) personBytes / residentsAfterFullRun);
        f.put("regionArraysBytesPerResident", (double) regionBytes / residentsAfterFullRun);
        // the model's objects counted part by part, whatever the collector (Footprint), largest first
        long counted = parts.values().stream().mapToLong(Long::longValue).sum();
        f.put("modelBytesPerResidentAfterRunYears", (double) counted / residentsAfterFullRun);
        Map<String, Double> perPart = new LinkedHashMap<>();
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> perPart.put(e.getKey(), (double) e.getValue() / residentsAfterFullRun));
        f.put("modelBytesPerResidentByPart", perPart);
        f.put("maxHeap", Runtime.getRuntime().maxMemory());
        f.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        f.put("gc", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
        f.put("g1RegionBytes", Long.parseLong(ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("G1HeapRegionSize").getValue()));
        return f;
    }

    /** Residents of the city as its last observation counted them. */
    private static int residentsNow(WijkLabModel model) {
        return Arrays.stream(model.neighbourhoods().residents).sum();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
