package dev.parley.twin.model;

/**
 * How many baskets of all shoppers contained an item: in the last 7 days, the last 30 days and
 * all the history known, which covers {@code days} days. The counts are nested (a basket of last
 * week is also one of last month).
 */
public record ItemPopularity(long lastWeek, long lastMonth, long total, long days) {
    public static final ItemPopularity NONE = new ItemPopularity(0, 0, 0, 30);

    public ItemPopularity {
        if (lastWeek < 0 || lastWeek > lastMonth || lastMonth > total) {
            throw new IllegalArgumentException("popularity counts must satisfy 0 <= last_week <= last_month <= total: "
                    + lastWeek + ", " + lastMonth + ", " + total);
        }
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1: " + days);
        }
    }

    /** ln of last month's count over the count expected from the whole history's rate: above 0 when the item is rising. */
    double trend() {
        return Math.log((lastMonth + 1.0) / (total * 30.0 / Math.max(30, days) + 1.0));
    }
}
