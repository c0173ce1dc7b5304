package dev.parley.catalog.feed;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an import did: rows read, products imported, and every row skipped with where it was and
 * why. Nothing is dropped silently: {@code read == used + skipped} and every skip has a reason.
 */
public record ImportReport(String source, long read, long used, long imported, Map<String, Long> skippedByReason,
                           List<Problem> problems, long problemsNotListed) {
    /** Problems listed individually; beyond this only the counts by reason are kept. */
    public static final int MAX_LISTED = 10_000;

    /** One skipped row: where it is (file and row number) and why it was skipped. */
    public record Problem(String location, String reason, String detail) {}

    public ImportReport {
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
        problems = List.copyOf(problems);
    }

    public long skipped() {
        return skippedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** A few human-readable lines. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(source).append(": ").append(read).append(" rows read, ").append(used).append(" used, ")
                .append(skipped()).append(" skipped; ").append(imported).append(" products imported");
        skippedByReason.forEach((reason, n) -> s.append("\n  skipped ").append(n).append(": ").append(reason));
        return s.toString();
    }

    static final class Builder {
        private final String source;
        private long read;
        private long used;
        private long imported;
        private final Map<String, Long> skipped = new TreeMap<>();
        private final List<Problem> problems = new ArrayList<>();
        private long notListed;

        Builder(String source) {
            this.source = source;
        }

        long read() {
            return ++read;
        }

        long readCount() {
            return read;
        }

        void used() {
            used++;
        }

        void skip(String location, String reason, String detail) {
            skipped.merge(reason, 1L, Long::sum);
            if (problems.size() < MAX_LISTED) {
                problems.add(new Problem(location, reason, detail));
            } else {
                notListed++;
            }
        }

        ImportReport build(long importedProducts) {
            this.imported = importedProducts;
            return new ImportReport(source, read, used, imported, skipped, problems, notListed);
        }
    }
}
