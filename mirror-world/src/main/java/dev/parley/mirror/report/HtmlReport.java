package dev.parley.mirror.report;

import dev.parley.mirror.population.BasketStats;
import dev.parley.mirror.world.StrategyResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The self-contained HTML report of a Mirror World run: the comparison table, revenue and margin
 * per day per strategy, the distribution of the twins' consumer surplus, and the calibration of
 * the population. Charts are inline SVG drawn here; the page loads nothing.
 */
public final class HtmlReport {

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
    private static final int W = 640;
    private static final int H = 260;
    private static final int PAD = 48;

    private HtmlReport() {}

    public static String render(String title, String settings, List<StrategyResult> results, BasketStats real, BasketStats twins) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}")
                .append("svg{background:#fff;border:1px solid #ddd;margin:0.5em 1em 0.5em 0}.legend span{display:inline-block;margin-right:1.2em}")
                .append(".sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}</style></head><body>");
        h.append("<h1>").append(esc(title)).append("</h1><p>").append(esc(settings)).append("</p>");
        h.append("<h2>Comparison</h2><table><tr><th>strategy</th><th>revenue</th><th>margin</th><th>conversion</th><th>units</th>")
                .append("<th>average discount</th><th>consumer surplus</th><th>negotiations</th><th>agreement rate</th><th>rounds</th><th>goal</th></tr>");
        for (StrategyResult r : results) {
            h.append("<tr><td>").append(esc(r.name())).append("</td><td>").append(r.revenue().amountString()).append("</td><td>")
                    .append(ComparisonTable.money(r.margin())).append("</td><td>").append(fmt(r.conversion(), 3)).append("</td><td>").append(r.units())
                    .append("</td><td>").append(fmt(100 * r.averageDiscount(), 2)).append("%</td><td>").append(ComparisonTable.money(r.surplus()))
                    .append("</td><td>").append(r.negotiations()).append("</td><td>").append(fmt(r.agreementRate(), 3)).append("</td><td>")
                    .append(fmt(r.meanRounds(), 2)).append("</td><td>").append(esc(ComparisonTable.goals(r))).append("</td></tr>");
        }
        h.append("</table><p>Currency: ").append(esc(results.get(0).revenue().currencyCode()))
                .append(". Goal uplift: revenue from the twins the goal's tier is for, against the same twins under the first strategy.</p>");
        h.append(legend(results));
        h.append("<h2>Revenue per day</h2>").append(lines(results, d -> d.revenue().amount()));
        h.append("<h2>Margin per day</h2>").append(lines(results, StrategyResult.Day::margin));
        h.append("<h2>Consumer surplus per twin</h2><p>Twins who bought at least once; share of them per surplus band (the last band holds everything above it).</p>").append(histogram(results));
        h.append("<h2>Population calibration</h2><pre>").append(esc(ComparisonTable.calibration(real, twins))).append("</pre>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static String legend(List<StrategyResult> results) {
        StringBuilder s = new StringBuilder("<p class=\"legend\">");
        for (int i = 0; i < results.size(); i++) {
            s.append("<span><i class=\"sw\" style=\"background:").append(COLOURS[i % COLOURS.length]).append("\"></i>")
                    .append(esc(results.get(i).name())).append("</span>");
        }
        return s.append("</p>").toString();
    }

    private static String lines(List<StrategyResult> results, Function<StrategyResult.Day, BigDecimal> value) {
        int days = results.get(0).days().size();
        double max = 0;
        double min = 0;
        for (StrategyResult r : results) {
            for (StrategyResult.Day d : r.days()) {
                double v = value.apply(d).doubleValue();
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
        }
        if (max == min) {
            max = min + 1;
        }
        StringBuilder s = svgStart();
        axes(s, min, max, days);
        for (int i = 0; i < results.size(); i++) {
            StringBuilder pts = new StringBuilder();
            for (StrategyResult.Day d : results.get(i).days()) {
                double x = PAD + (days == 1 ? 0.5 : (d.day() - 1) / (double) (days - 1)) * (W - 2 * PAD);
                double y = H - PAD + 20 - (value.apply(d).doubleValue() - min) / (max - min) * (H - PAD - 10);
                pts.append(fmt(x, 1)).append(',').append(fmt(y, 1)).append(' ');
            }
            s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLOURS[i % COLOURS.length]).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"><title>").append(esc(results.get(i).name())).append("</title></polyline>");
        }
        return s.append("</svg>").toString();
    }

    private static void axes(StringBuilder s, double min, double max, int days) {
        int bottom = H - PAD + 20;
        s.append("<line x1=\"").append(PAD).append("\" y1=\"10\" x2=\"").append(PAD).append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>");
        s.append("<line x1=\"").append(PAD).append("\" y1=\"").append(bottom).append("\" x2=\"").append(W - PAD).append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>");
        s.append(text(4, 16, fmt(max, 0))).append(text(4, bottom, fmt(min, 0)));
        s.append(text(PAD, H - 8, "day 1")).append(text(W - PAD - 30, H - 8, "day " + days));
    }

    private static String histogram(List<StrategyResult> results) {
        List<List<Double>> values = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        for (StrategyResult r : results) {
            List<Double> v = r.surplusPerTwin().stream().filter(b -> b.signum() != 0).map(BigDecimal::doubleValue).toList();
            values.add(v);
            all.addAll(v);
        }
        // The bands span up to the 95th percentile; the last band also holds the long tail above it.
        all.sort(null);
        double max = all.isEmpty() ? 0 : all.get((int) Math.floor(0.95 * (all.size() - 1)));
        int bins = 12;
        double width = max <= 0 ? 1 : max / bins;
        double[][] shares = new double[results.size()][bins];
        double top = 0;
        for (int i = 0; i < results.size(); i++) {
            for (double d : values.get(i)) {
                shares[i][Math.min(bins - 1, (int) (d / width))]++;
            }
            for (int b = 0; b < bins; b++) {
                shares[i][b] = values.get(i).isEmpty() ? 0 : shares[i][b] / values.get(i).size();
                top = Math.max(top, shares[i][b]);
            }
        }
        if (top == 0) {
            top = 1;
        }
        StringBuilder s = svgStart();
        int bottom = H - PAD + 20;
        s.append("<line x1=\"").append(PAD).append("\" y1=\"").append(bottom).append("\" x2=\"").append(W - PAD).append("\" y2=\"").append(bottom).append("\" stroke=\"#888\"/>");
        double group = (W - 2.0 * PAD) / bins;
        double bar = group / (results.size() + 1);
        for (int b = 0; b < bins; b++) {
            for (int i = 0; i < results.size(); i++) {
                double hgt = shares[i][b] / top * (H - PAD - 10);
                double x = PAD + b * group + i * bar;
                s.append("<rect x=\"").append(fmt(x, 1)).append("\" y=\"").append(fmt(bottom - hgt, 1)).append("\" width=\"").append(fmt(bar, 1))
                        .append("\" height=\"").append(fmt(hgt, 1)).append("\" fill=\"").append(COLOURS[i % COLOURS.length]).append("\"><title>")
                        .append(esc(results.get(i).name())).append(": ").append(fmt(100 * shares[i][b], 1)).append("% of buying twins from ")
                        .append(fmt(b * width, 0)).append("</title></rect>");
            }
            if (b % 3 == 0) {
                s.append(text(PAD + b * group, H - 8, fmt(b * width, 0)));
            }
        }
        s.append(text(4, 16, fmt(100 * top, 0) + "%"));
        return s.append("</svg>").toString();
    }

    private static StringBuilder svgStart() {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\">");
    }

    private static String text(double x, double y, String t) {
        return "<text x=\"" + fmt(x, 1) + "\" y=\"" + fmt(y, 1) + "\" font-size=\"11\" fill=\"#444\">" + esc(t) + "</text>";
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
