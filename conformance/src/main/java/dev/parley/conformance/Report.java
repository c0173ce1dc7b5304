package dev.parley.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The results of one run: a readable summary, a JSON report (one entry per check: id, tier,
 * status, section, detail) and a self-contained HTML page.
 */
public record Report(String target, Conformance.Role role, Level level, Instant started, Duration took, List<Result> results) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Report {
        Objects.requireNonNull(target, "target");
        results = List.copyOf(results);
    }

    /** True when no check of the level failed. */
    public boolean passed() {
        return count(Status.FAIL) == 0;
    }

    public long count(Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The ids of the checks with {@code status}, in run order. */
    public List<String> ids(Status status) {
        return results.stream().filter(r -> r.status() == status).map(Result::id).toList();
    }

    /** One line of the summary. */
    public static String line(Result r) {
        String mark = switch (r.status()) {
            case PASS -> "PASS ";
            case FAIL -> "FAIL ";
            case SKIPPED -> "SKIP ";
        };
        String where = r.status() == Status.FAIL ? "  [breaks " + r.section() + "]" : "";
        return mark + r.id() + " (" + r.tier().label() + ")" + where + (r.detail().isEmpty() ? "" : ": " + r.detail());
    }

    /** The readable summary: every result, then the failures with their sections, then the verdict. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Parley conformance, role ").append(role.wire()).append(", level ").append(level.wire()).append(", target ").append(target).append('\n');
        for (Result r : results) {
            out.append("  ").append(line(r)).append('\n');
        }
        return out.append(summary()).toString();
    }

    /** The end of the summary: the failures with the sections they break, then the verdict. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        List<Result> failed = results.stream().filter(r -> r.status() == Status.FAIL).toList();
        if (!failed.isEmpty()) {
            out.append("\nFailures:\n");
            for (Result r : failed) {
                out.append("  ").append(r.id()).append(" breaks ").append(r.section()).append(": ").append(r.detail()).append('\n');
            }
        }
        out.append('\n').append(count(Status.PASS)).append(" passed, ").append(count(Status.FAIL)).append(" failed, ")
                .append(count(Status.SKIPPED)).append(" skipped in ").append(took.toMillis()).append(" ms: ")
                .append(passed() ? "CONFORMANT at level " + level.wire() : "NOT CONFORMANT at level " + level.wire()).append('\n');
        return out.toString();
    }

    /** The JSON report. */
    public String json() {
        ObjectNode root = JSON.createObjectNode();
        root.put("target", target).put("role", role.wire()).put("level", level.wire()).put("started", started.toString())
                .put("millis", took.toMillis()).put("conformant", passed());
        root.putObject("counts").put("pass", count(Status.PASS)).put("fail", count(Status.FAIL)).put("skipped", count(Status.SKIPPED));
        ArrayNode checks = root.putArray("checks");
        for (Result r : results) {
            checks.addObject().put("id", r.id()).put("tier", r.tier().label()).put("status", r.status().name())
                    .put("section", r.section()).put("description", r.description()).put("detail", r.detail());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    /** A self-contained HTML page (no scripts, no external assets). */
    public String html() {
        StringBuilder rows = new StringBuilder();
        for (Result r : results) {
            String cls = r.status().name().toLowerCase(java.util.Locale.ROOT);
            rows.append("<tr class=\"").append(cls).append("\"><td class=\"status\">").append(r.status() == Status.SKIPPED ? "SKIPPED" : r.status().name())
                    .append("</td><td><code>").append(esc(r.id())).append("</code><div class=\"what\">").append(esc(r.description()))
                    .append("</div></td><td>").append(esc(r.tier().label())).append("</td><td>").append(esc(r.section()))
                    .append("</td><td>").append(esc(r.detail())).append("</td></tr>\n");
        }
        StringBuilder failures = new StringBuilder();
        for (Result r : results) {
            if (r.status() == Status.FAIL) {
                failures.append("<li><code>").append(esc(r.id())).append("</code> breaks <strong>").append(esc(r.section()))
                        .append("</strong>: ").append(esc(r.detail())).append("</li>\n");
            }
        }
        String failureList = failures.length() == 0 ? "" : "<h2>Failures</h2>\n<ul class=\"failures\">\n" + failures + "</ul>\n";
        String verdict = passed() ? "Conformant at level " + level.wire() : "Not conformant at level " + level.wire();
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Parley conformance: %s</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2rem; color: #1d1d1f; }
                h1 { font-size: 1.4rem; }
                .verdict { font-size: 1.2rem; font-weight: 600; padding: .6rem 1rem; border-radius: 6px; display: inline-block; }
                .verdict.ok { background: #e3f6e8; color: #145a2a; }
                .verdict.ko { background: #fde8e8; color: #8a1c1c; }
                table { border-collapse: collapse; width: 100%%; margin-top: 1.2rem; }
                th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid #ddd; font-size: .92rem; }
                th { background: #f4f4f6; }
                tr.fail td.status { color: #b42318; font-weight: 700; }
                tr.pass td.status { color: #1a7f37; font-weight: 700; }
                tr.skipped td.status { color: #8a6d00; font-weight: 700; }
                tr.fail { background: #fff6f6; }
                .what { color: #555; font-size: .85rem; margin-top: .2rem; }
                dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
                dt { color: #555; }
                h2 { font-size: 1.1rem; margin-top: 1.4rem; }
                ul.failures li { margin: .3rem 0; }
                </style>
                </head>
                <body>
                <h1>Parley conformance report</h1>
                <dl><dt>target</dt><dd>%s</dd><dt>role</dt><dd>%s</dd><dt>level</dt><dd>%s</dd><dt>started</dt><dd>%s</dd><dt>took</dt><dd>%d ms</dd></dl>
                <p class="verdict %s">%s: %d passed, %d failed, %d skipped</p>
                %s<table>
                <thead><tr><th>status</th><th>check</th><th>tier</th><th>section</th><th>detail</th></tr></thead>
                <tbody>
                %s</tbody>
                </table>
                <p>Sections refer to the Parley protocol specification, version 0.1 (spec/PROTOCOL.md).</p>
                </body>
                </html>
                """.formatted(esc(target), esc(target), role.wire(), level.wire(), started, took.toMillis(), passed() ? "ok" : "ko", verdict,
                count(Status.PASS), count(Status.FAIL), count(Status.SKIPPED), failureList, rows);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
