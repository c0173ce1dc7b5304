package dev.parley.twin.model;

/**
 * How many baskets of all shoppers contained an item: in the last 7 days, the last 30 days and
 * all the history known. The counts are nested (a basket of last week is also one of last month).
 */
public record ItemPopularity(long lastWeek, long lastMonth, long total) {
    public static final ItemPopularity NONE = new ItemPopularity(0, 0, 0);

    public ItemPopularity {
        if (lastWeek < 0 || lastWeek > lastMonth || lastMonth > total) {
            throw new IllegalArgumentException("popularity counts must satisfy 0 <= last_week <= last_month <= total: "
                    + lastWeek + ", " + lastMonth + ", " + total);
        }
    }
}
