package dev.parley.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.twin.eval.EvaluationReport;
import dev.parley.twin.eval.Metric;
import dev.parley.twin.eval.ModelMetrics;
import dev.parley.twin.eval.NextBasketEvaluation;
import dev.parley.twin.eval.PurchaseHistory;
import dev.parley.twin.model.Feature;
import dev.parley.twin.model.ModelParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "twin-eval", description = {
        "Evaluate the twin's preference model on real purchase histories (UCI Online Retail): train on each customer's",
        "invoices up to the cut date, predict the products of their next invoice, and print one JSON object with",
        "recall, nDCG and PHR at k for the twin and the P-TopFreq and GP-TopFreq baselines."})
final class TwinEvalCommand implements Callable<Integer> {
    private final Main.Io io;

    @Option(names = "--data", required = true, paramLabel = "DIR",
            description = "The UCI Online Retail directory (its by-day/ subdirectory is used when present).")
    Path data;

    @Option(names = "--train-until", required = true, paramLabel = "YYYY-MM-DD",
            description = "The cut date: training uses invoices up to and including it.")
    String trainUntil;

    @Option(names = "--fit-on", split = ",", paramLabel = "YYYY-MM-DD",
            description = "Instead of evaluating, fit the model's weights on these earlier cut dates and print them as JSON.")
    java.util.List<String> fitOn;

    @Option(names = "--half-life-days", paramLabel = "DAYS",
            description = "With --fit-on: the half-life of the model's memory to fit the weights for (default: the current one).")
    Integer halfLifeDays;

    @Option(names = "--parameters", paramLabel = "FILE",
            description = "Evaluate the twin with these weights (the JSON that --fit-on prints) instead of the built-in ones.")
    Path parameters;

    @Option(names = "--k", defaultValue = "10", paramLabel = "K", description = "The length of each prediction (default ${DEFAULT-VALUE}).")
    int k;

    TwinEvalCommand(Main.Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        LocalDate cut = date("--train-until", trainUntil);
        if (k < 1 || k > 1000) {
            throw new UsageError("--k must be between 1 and 1000: " + k);
        }
        if (!Files.isDirectory(data)) {
            throw new UsageError("--data is not a directory: " + data);
        }
        Path days = Files.isDirectory(data.resolve("by-day")) ? data.resolve("by-day") : data;
        PurchaseHistory history;
        try {
            history = PurchaseHistory.read(days);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--data: " + e.getMessage());
        }
        if (history.invoices().isEmpty()) {
            throw new UsageError("--data: no customer invoices in " + days);
        }
        LocalDate first = history.invoices().get(0).time().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        LocalDate last = history.invoices().get(history.invoices().size() - 1).time().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        if (cut.isBefore(first) || !cut.isBefore(last)) {
            throw new UsageError("--train-until must be on or after " + first + " and before " + last + " (the data's first and last days): " + cut);
        }
        if (fitOn != null && !fitOn.isEmpty()) {
            java.util.List<LocalDate> cuts = new java.util.ArrayList<>();
            for (String d : fitOn) {
                LocalDate fitCut = date("--fit-on", d);
                if (!fitCut.isBefore(cut)) {
                    throw new UsageError("--fit-on dates must be before --train-until " + cut + ": " + fitCut);
                }
                cuts.add(fitCut);
            }
            ModelParameters start = halfLifeDays == null ? ModelParameters.defaults()
                    : ModelParameters.defaults().withHalfLife(java.time.Duration.ofDays(halfLifeDays));
            ModelParameters fitted = new NextBasketEvaluation(history).fit(cuts, start);
            ObjectNode out = ParleyJson.object();
            out.put("fitted_on", String.join(",", fitOn));
            out.put("half_life_days", fitted.halfLife().toDays());
            ObjectNode weights = out.putObject("weights");
            ObjectNode historyWeights = out.putObject("history_weights");
            for (Feature f : Feature.values()) {
                weights.put(f.name(), fitted.weights().get(f));
                historyWeights.put(f.name(), fitted.historyWeights().get(f));
            }
            io.out().println(ParleyJson.writeString(out));
            return 0;
        }
        ModelParameters model = parameters == null ? ModelParameters.defaults() : readParameters(parameters);
        EvaluationReport report = new NextBasketEvaluation(history).run(cut, k, model);
        ObjectNode out = ParleyJson.object();
        out.put("cut", report.cut().toString());
        out.put("k", report.k());
        out.put("customers", report.customers());
        ObjectNode models = out.putObject("models");
        models.set("twin", json(report.twin()));
        models.set("p_topfreq", json(report.pTopFreq()));
        models.set("gp_topfreq", json(report.gpTopFreq()));
        double ratio = report.twinVsBestBaselineRecall();
        if (Double.isNaN(ratio)) {
            out.putNull("twin_vs_best_baseline_recall");
        } else {
            out.put("twin_vs_best_baseline_recall", round(ratio));
        }
        io.out().println(ParleyJson.writeString(out));
        return 0;
    }

    /** Reads the JSON that --fit-on prints; every feature it names must exist. */
    private static ModelParameters readParameters(Path file) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = ParleyJson.readObject(Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new UsageError("--parameters: cannot read " + file + ": " + e.getMessage());
        } catch (dev.parley.protocol.error.ProtocolException e) {
            throw new UsageError("--parameters: " + file + " is not a JSON object: " + e.detail());
        }
        try {
            java.util.Map<Feature, Double> weights = weights(root.path("weights"));
            java.util.Map<Feature, Double> historyWeights = weights(root.path("history_weights"));
            long days = root.path("half_life_days").asLong(ModelParameters.defaults().halfLife().toDays());
            return new ModelParameters(java.time.Duration.ofDays(days), weights, historyWeights);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--parameters: " + e.getMessage());
        }
    }

    private static java.util.Map<Feature, Double> weights(com.fasterxml.jackson.databind.JsonNode node) {
        java.util.Map<Feature, Double> out = new java.util.EnumMap<>(Feature.class);
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException("the weight of " + e.getKey() + " is not a number");
            }
            out.put(Feature.valueOf(e.getKey()), e.getValue().asDouble());
        });
        return out;
    }

    private static LocalDate date(String option, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new UsageError(option + " must be a date YYYY-MM-DD: \"" + value + "\"");
        }
    }

    private static ObjectNode json(ModelMetrics m) {
        ObjectNode node = metric(m.overall());
        node.set("repeat", metric(m.repeat()));
        node.set("explore", metric(m.explore()));
        return node;
    }

    private static ObjectNode metric(Metric m) {
        ObjectNode node = ParleyJson.object();
        node.put("recall", round(m.recall()));
        node.put("ndcg", round(m.ndcg()));
        node.put("phr", round(m.phr()));
        node.put("customers", m.customers());
        return node;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
