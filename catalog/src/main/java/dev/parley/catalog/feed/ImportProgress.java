package dev.parley.catalog.feed;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Receives progress of a long import: called often, it decides itself when to show something. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = rows -> { };

    void rowsRead(long rows);

    /** A periodic progress line ("… 120,000 rows read (60,000/s)") at most every {@code every}. */
    static ImportProgress lines(PrintStream out, Clock clock, Duration every) {
        Instant start = clock.instant();
        Instant[] last = {start};
        return rows -> {
            if ((rows & 1023) != 0) {
                return;
            }
            Instant now = clock.instant();
            if (Duration.between(last[0], now).compareTo(every) >= 0) {
                last[0] = now;
                double seconds = Math.max(0.001, Duration.between(start, now).toMillis() / 1000.0);
                out.printf("… %,d rows read (%,.0f/s)%n", rows, rows / seconds);
            }
        };
    }
}
