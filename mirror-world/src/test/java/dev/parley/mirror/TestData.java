package dev.parley.mirror;

import dev.parley.mirror.population.Market;
import dev.parley.twin.eval.PurchaseHistory;
import java.nio.file.Path;

/** The real UCI Online Retail data the module's tests run on, read once per test run. */
public final class TestData {

    private static Market market;

    private TestData() {}

    public static Path dataDir() {
        return Path.of(System.getProperty("parley.data", "../data"));
    }

    public static Path examples() {
        return Path.of(System.getProperty("parley.examples", "../examples"));
    }

    /** The market of the whole UCI data (about a year of invoices). */
    public static synchronized Market market() {
        if (market == null) {
            market = Market.of(PurchaseHistory.read(dataDir().resolve("uci-online-retail/by-day")));
        }
        return market;
    }
}
