package dev.berth.configs.control;

/**
 * How many tasks an esProc node takes, by its unit's CPU share. {@code --cpu-shares} is a relative weight, not a quota
 * the node could see, so Berth sizes the counts itself:
 * <ul>
 *     <li>{@code maxTaskNum} = shares / 256, at least 2 and at most 32 (512 give 2, 1024 give 4, 4096 give 16);</li>
 *     <li>{@code preferredTaskNum} = half of it, at least 1; it is also {@code parallelNum} of raqsoftConfig.xml.</li>
 * </ul>
 * The one place of this rule in Berth. The unit image's start script applies the same rule to files it has to
 * generate itself; {@code StartScriptTest} runs that script and holds the two together.
 *
 * @param max       {@code maxTaskNum}
 * @param preferred {@code preferredTaskNum}, also {@code parallelNum}
 */
public record TaskCounts(int max, int preferred) {

    public static final int SHARES_PER_TASK = 256;
    public static final int MIN_MAX = 2;
    public static final int MAX_MAX = 32;

    public static TaskCounts forCpuShares(int cpuShares) {
        int max = Math.min(MAX_MAX, Math.max(MIN_MAX, cpuShares / SHARES_PER_TASK));
        return new TaskCounts(max, Math.max(1, max / 2));
    }
}
