package dev.berth.bench;

import dev.berth.testsupport.Api;
import dev.berth.testsupport.FreePorts;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The footprint of one Berth process (the embedded Berth, or an agent only): how long it took from launch to ready,
 * and its resident memory ({@code VmRSS}) after boot and after {@link #UNITS} units were started and stopped on its
 * host. The units are {@code berth/probe:1} of a user of their own: each is started until RUNNING, then each stopped
 * until STOPPED, then all deleted.
 */
final class Footprint {

    static final int UNITS = 20;
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final String process;
    private final double bootSeconds;
    private final OptionalLong rssAfterBoot;
    private OptionalLong rssAfterUnits = OptionalLong.empty();
    private OptionalLong peak = OptionalLong.empty();
    private double unitsSeconds;

    Footprint(String process, double bootSeconds, OptionalLong rssAfterBoot) {
        this.process = process;
        this.bootSeconds = bootSeconds;
        this.rssAfterBoot = rssAfterBoot;
    }

    /** Starts and stops {@link #UNITS} units on {@code host}, then reads the process's memory with {@code memory}. */
    void cycleUnits(Api admin, String host, Function<String, OptionalLong> memory)
            throws TimeoutException {
        long begin = System.nanoTime();
        String user = "fp" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/users", """
                {"name":"%s","alias":"Footprint","password":"%s","memory":"16m","cpuShares":2,"maxUnits":%d}"""
                .formatted(user, "pw-" + UUID.randomUUID(), UNITS))
                .expect(201, "creating user " + user);
        List<Long> units = new ArrayList<>();
        for (int i = 0; i < UNITS; i++) {
            units.add(admin.post("/units", "{\"user\":\"%s\",\"host\":\"%s\",\"port\":%d,\"image\":\"berth/probe:1\"}"
                            .formatted(user, host, FreePorts.next()))
                    .expect(201, "defining a unit on host " + host).json().getJsonNumber("id").longValue());
        }
        for (long unit : units) {
            admin.post("/units/" + unit + "/start", "").expect(202, "starting unit " + unit);
        }
        for (long unit : units) {
            awaitState(admin, unit, "RUNNING");
        }
        for (long unit : units) {
            admin.post("/units/" + unit + "/stop", "").expect(202, "stopping unit " + unit);
        }
        for (long unit : units) {
            awaitState(admin, unit, "STOPPED");
        }
        for (long unit : units) {
            admin.delete("/units/" + unit).expect(202, "deleting unit " + unit);
        }
        for (long unit : units) {
            awaitGone(admin, unit);
        }
        admin.delete("/users/" + user);
        unitsSeconds = (System.nanoTime() - begin) / 1e9;
        rssAfterUnits = memory.apply("VmRSS");
        peak = memory.apply("VmHWM");
    }

    private static void awaitState(Api admin, long unit, String state) throws TimeoutException {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (true) {
            JsonObject view = admin.get("/units/" + unit).expect(200, "reading unit " + unit).json();
            if (state.equals(view.getString("state"))) {
                return;
            }
            if ("FAILED".equals(view.getString("state")) || System.nanoTime() - end > 0) {
                throw new TimeoutException("unit " + unit + " did not become " + state + ": " + view);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    private static void awaitGone(Api admin, long unit) throws TimeoutException {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (admin.get("/units/" + unit).status() != 404) {
            if (System.nanoTime() - end > 0) {
                throw new TimeoutException("unit " + unit + " still there after its delete");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /**
     * Adds this process's figures to the section P6/P7 and checks them against the goals of docs/operations.md:
     * ready within 20 s, resident memory at most {@code limitMib} after boot and after the units.
     */
    void addTo(Section section, int limitMib) {
        section.row(process + ": launch -> ready", bootSeconds, Double.NaN, "s");
        section.row(process + ": RSS after boot", mibValue(rssAfterBoot), Double.NaN, "MiB");
        section.row(process + ": RSS after " + UNITS + " units", mibValue(rssAfterUnits), Double.NaN, "MiB");
        section.row(process + ": peak (VmHWM)", mibValue(peak), Double.NaN, "MiB");
        section.verdict(String.format(Locale.ROOT, "%s ready in %.1f s", process, bootSeconds), "<= 20 s",
                bootSeconds <= 20);
        double worst = Math.max(mibValue(rssAfterBoot), mibValue(rssAfterUnits));
        section.verdict(String.format(Locale.ROOT, "%s resident %.0f MiB (the larger of after boot, after %d units)",
                process, worst, UNITS), "<= " + limitMib + " MiB", Double.isNaN(worst) ? null : worst <= limitMib);
    }

    String process() {
        return process;
    }

    double rssAfterUnitsMib() {
        return mibValue(rssAfterUnits);
    }

    private static double mibValue(OptionalLong kib) {
        return kib.isPresent() ? kib.getAsLong() / 1024.0 : Double.NaN;
    }

    /** One line of the report. */
    String line() {
        return String.format(Locale.ROOT, "%-34s %6.1f s %9s %9s %9s   (%d units: %.1f s)",
                process, bootSeconds, mib(rssAfterBoot), mib(rssAfterUnits), mib(peak), UNITS, unitsSeconds);
    }

    static String header() {
        return String.format(Locale.ROOT, "%-34s %8s %9s %9s %9s%n", "process", "ready", "RSS boot",
                "RSS " + UNITS + "u", "peak");
    }

    private static String mib(OptionalLong kib) {
        return kib.isPresent() ? String.format(Locale.ROOT, "%.0f MiB", kib.getAsLong() / 1024.0) : "unknown";
    }
}
