package org.wijklab.cli;

import org.wijklab.experiment.WarmUpCache;
import org.wijklab.scenario.ScenarioException;
import picocli.CommandLine.Option;

/** The option every command that runs models shares: whether runs start from a kept settled city. */
public final class WarmUpOption {
    @Option(names = "--no-warmup-cache",
            description = "Simulate every run's warm-up instead of starting from a settled city kept by an earlier run "
                    + "with the same warm-up inputs (the outputs are the same bytes either way). The cache: "
                    + "$WIJKLAB_WARMUP_CACHE (default ~/.cache/wijklab/warmup; 'off' turns it off), at most "
                    + "$WIJKLAB_WARMUP_CACHE_MAX (default 4g).")
    boolean noCache;

    /** Sets the process's use of the cache; a configured folder or limit that cannot be honoured is one line. */
    void apply() {
        WarmUpCache.use(!noCache);
        if (!noCache) {
            try {
                WarmUpCache.configured();
            } catch (ScenarioException e) {
                throw new UserException(e.getMessage());
            }
        }
    }
}
