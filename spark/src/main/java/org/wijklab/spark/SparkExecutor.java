package org.wijklab.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.wijklab.experiment.RunExecutor;
import org.wijklab.experiment.SweepRunner;
import org.wijklab.scenario.ScenarioLoader;
import org.wijklab.scenario.Sweep;
import scala.Tuple2;

/**
 * Makes a sweep's runs on a Spark cluster: each run is a task that receives its whole scenario
 * (the point's values and the replication's seed already applied, as JSON) and returns its
 * metrics, so the executors need neither the sweep file nor its base scenario. Runs go out in
 * waves of a fixed size, one Spark job each; a wave's runs are handed back in run order when it
 * ends.
 */
final class SparkExecutor implements RunExecutor {
    private final JavaSparkContext sc;
    private final int wave;

    SparkExecutor(JavaSparkContext sc, int wave) {
        this.sc = sc;
        this.wave = wave;
    }

    @Override
    public boolean keepsRunFolders() {
        return false;
    }

    @Override
    public void runAll(Sweep sweep, List<Integer> ids, int stride, Path runFolders, String commandLine, Done done) {
        if (runFolders != null) {
            throw new IllegalArgumentException("run folders are not kept on a cluster");
        }
        OneRun task = new OneRun(new ArrayList<>(sweep.metrics()), sweep.counterfactual());
        for (int from = 0; from < ids.size(); from += wave) {
            List<Tuple2<Integer, String>> runs = new ArrayList<>();
            for (int id : ids.subList(from, Math.min(ids.size(), from + wave))) {
                runs.add(new Tuple2<>(id, ScenarioLoader.toJson(SweepRunner.scenario(sweep, id, stride))));
            }
            sc.setJobDescription("runs " + runs.get(0)._1() + "-" + runs.get(runs.size() - 1)._1() + " of " + sweep.name());
            for (Tuple2<Integer, double[]> r : sc.parallelize(runs, runs.size()).map(task).collect()) {
                done.finished(r._1(), r._2());
            }
        }
    }

    /** One task: a scenario's run to its end (and its twin's, in a paired sweep), returning the sweep's metrics. */
    static final class OneRun implements Function<Tuple2<Integer, String>, Tuple2<Integer, double[]>> {
        private static final long serialVersionUID = 1L;
        private final ArrayList<String> metrics;
        private final boolean counterfactual;

        OneRun(ArrayList<String> metrics, boolean counterfactual) {
            this.metrics = metrics;
            this.counterfactual = counterfactual;
        }

        @Override
        public Tuple2<Integer, double[]> call(Tuple2<Integer, String> run) {
            return new Tuple2<>(run._1(), SweepRunner.measure(ScenarioLoader.fromJson(run._2(), "run " + run._1()), metrics,
                    counterfactual));
        }
    }
}
