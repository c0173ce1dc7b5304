package dev.parley.catalog.feed;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Derives a real catalog from the UCI Online Retail transactions (a UK online giftware retailer,
 * 2010-12 – 2011-12): one product per stock code.
 *
 * <ul>
 *   <li>Skipped rows, each reported: cancellations (invoice starting with C), non-product codes
 *       (postage, manual, discounts, bank and marketplace charges, samples, gift vouchers),
 *       missing descriptions, non-positive quantities or prices, malformed rows.</li>
 *   <li>Title: the code's most frequent description, in title case. List price: the code's modal
 *       unit price over the rows used (ties: the lower price), in GBP.</li>
 *   <li>Category: the first matching rule of a small keyword table over the description (see
 *       {@link #CATEGORIES}); otherwise {@code Giftware > Other}. Colour words become a
 *       {@code colour} attribute; {@code units_sold} is the quantity sold in the data.</li>
 *   <li>Stock is not in the data and is left unpublished.</li>
 * </ul>
 */
public final class UciOnlineRetailImporter {
    public static final String BRAND = "Online Retail UK";
    private static final Pattern NON_PRODUCT = Pattern.compile(
            "(?i)POST|D|DOT|M|C2|CRUK|PADS|B|S|AMAZONFEE|BANK CHARGES|gift_\\d+_\\d+|DCGS.*");
    /** Keyword → category path, first match wins (matched on whole words of the description). */
    static final List<Map.Entry<Pattern, List<String>>> CATEGORIES = List.of(
            rule("CHRISTMAS|XMAS|ADVENT|SANTA|REINDEER|SNOWFLAKE", "Seasonal", "Christmas"),
            rule("EASTER|HALLOWEEN", "Seasonal", "Holidays"),
            rule("CANDLE|CANDLES|T-LIGHT|TEA LIGHT|TEALIGHT|LANTERN|LIGHTS|LAMP|NIGHT LIGHT", "Home", "Candles & Lighting"),
            rule("MUG|MUGS|CUP|CUPS|SAUCER|TEACUP|TEAPOT|PLATE|PLATES|BOWL|BOWLS|JUG|BEAKER", "Kitchen & Dining", "Tableware"),
            rule("CAKE|BAKING|CAKESTAND|CUTLERY|APRON|OVEN|TEA TOWEL|TEA TOWELS|LUNCH BOX|LUNCHBOX|JAR|TIN|TINS|BOTTLE", "Kitchen & Dining", "Kitchen"),
            rule("BAG|BAGS|JUMBO|SHOPPER|TOTE|PURSE", "Bags & Accessories", "Bags"),
            rule("NECKLACE|BRACELET|EARRINGS|RING|HAIR|CLIP|BROOCH", "Bags & Accessories", "Jewellery"),
            rule("CARD|CARDS|WRAP|WRAPPING|RIBBON|RIBBONS|TAGS|GIFT BOX|ENVELOPE", "Stationery & Gift Wrap", "Cards & Wrap"),
            rule("NOTEBOOK|PENCIL|PENCILS|PEN|ERASER|RUBBER|STICKER|STICKERS|JOURNAL|CALENDAR|DIARY", "Stationery & Gift Wrap", "Stationery"),
            rule("FRAME|CLOCK|MIRROR|CUSHION|DOORMAT|SIGN|PLAQUE|WALL|HOOK|HOOKS|COAT HANGER|HANGER|VASE|ORNAMENT|DECORATION|HEART", "Home", "Decor"),
            rule("DOLL|TOY|TOYS|GAME|PUZZLE|SPACEBOY|CHILDRENS|CHILDREN'S|KIDS|TEDDY|BLOCKS|PARTY", "Toys & Party", "Toys & Games"),
            rule("GARDEN|PLANT|PLANTER|POT|WATERING|BIRD|FEEDER", "Home", "Garden"),
            rule("STORAGE|BOX|BOXES|BASKET|DRAWER|CHEST", "Home", "Storage"),
            rule("WATER BOTTLE|HOT WATER|BLANKET|THROW|SLIPPERS|UMBRELLA|GLOVES|SCARF", "Home", "Comfort"));
    private static final Set<String> COLOURS = Set.of("RED", "PINK", "BLUE", "GREEN", "WHITE", "BLACK", "IVORY", "CREAM",
            "YELLOW", "ORANGE", "PURPLE", "GOLD", "SILVER", "BROWN", "GREY", "TURQUOISE", "LILAC");

    private static Map.Entry<Pattern, List<String>> rule(String words, String... path) {
        return Map.entry(Pattern.compile("\\b(" + words + ")\\b"), List.of(path));
    }

    private final ImportProgress progress;

    public UciOnlineRetailImporter(ImportProgress progress) {
        this.progress = progress;
    }

    private static final class Aggregate {
        final Map<String, Integer> descriptions = new HashMap<>();
        final Map<BigDecimal, Integer> prices = new HashMap<>();
        long units;
    }

    /** Imports a directory of daily CSV files (gzipped or not) or one CSV file. */
    public ImportResult importFrom(Path source) {
        List<Path> files;
        try (Stream<Path> list = Files.isDirectory(source) ? Files.list(source) : Stream.of(source)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.csv(\\.gz)?")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
        ImportReport.Builder report = new ImportReport.Builder("UCI Online Retail (" + files.size() + " files)");
        Map<String, Aggregate> byCode = new TreeMap<>();
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                 CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord row : csv) {
                    progress.rowsRead(report.read());
                    readRow(file.getFileName() + ":" + (row.getRecordNumber() + 1), row, byCode, report);
                }
            } catch (IOException | RuntimeException e) {
                report.skip(file.getFileName().toString(), "unreadable file", e.getMessage());
            }
        }
        List<Product> products = new ArrayList<>(byCode.size());
        for (Map.Entry<String, Aggregate> e : byCode.entrySet()) {
            products.add(product(e.getKey(), e.getValue()));
        }
        return new ImportResult(products, report.build(products.size()));
    }

    private static void readRow(String location, CSVRecord row, Map<String, Aggregate> byCode, ImportReport.Builder report) {
        if (!row.isConsistent()) {
            report.skip(location, "malformed row", "expected 8 columns, found " + row.size());
            return;
        }
        String invoice = row.get("InvoiceNo").trim();
        String code = row.get("StockCode").trim();
        String description = row.get("Description").trim();
        if (invoice.startsWith("C") || invoice.startsWith("c")) {
            report.skip(location, "cancellation", invoice);
            return;
        }
        if (NON_PRODUCT.matcher(code).matches()) {
            report.skip(location, "non-product code", code);
            return;
        }
        String sku = code.toUpperCase(Locale.ROOT);
        if (!Sku.SYNTAX.matcher(sku).matches()) {
            report.skip(location, "invalid stock code", code);
            return;
        }
        if (description.isEmpty()) {
            report.skip(location, "missing description", code);
            return;
        }
        long quantity;
        BigDecimal price;
        try {
            quantity = Long.parseLong(row.get("Quantity").trim());
            price = new BigDecimal(row.get("UnitPrice").trim());
        } catch (NumberFormatException e) {
            report.skip(location, "malformed row", "quantity or price is not a number");
            return;
        }
        if (quantity <= 0) {
            report.skip(location, "non-positive quantity", Long.toString(quantity));
            return;
        }
        if (price.signum() <= 0) {
            report.skip(location, "non-positive price", price.toPlainString());
            return;
        }
        if (price.scale() > 4) {
            report.skip(location, "malformed row", "price with more than 4 decimals: " + price.toPlainString());
            return;
        }
        report.used();
        Aggregate a = byCode.computeIfAbsent(sku, k -> new Aggregate());
        a.descriptions.merge(description, 1, Integer::sum);
        a.prices.merge(price.stripTrailingZeros(), 1, Integer::sum);
        a.units += quantity;
    }

    private static Product product(String sku, Aggregate a) {
        String description = a.descriptions.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        BigDecimal price = a.prices.entrySet().stream()
                .max(Comparator.<Map.Entry<BigDecimal, Integer>>comparingInt(Map.Entry::getValue).thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
                .orElseThrow().getKey();
        String upper = description.toUpperCase(Locale.ROOT);
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        List<String> colours = new ArrayList<>();
        for (String word : upper.split("[^A-Z]+")) {
            if (COLOURS.contains(word) && !colours.contains(word.toLowerCase(Locale.ROOT))) {
                colours.add(word.toLowerCase(Locale.ROOT));
            }
        }
        if (!colours.isEmpty()) {
            attributes.put("colour", AttributeValue.of(colours));
        }
        attributes.put("units_sold", AttributeValue.of(BigDecimal.valueOf(a.units)));
        return new Product(Sku.of(sku), null, Text.clip(Text.titleCase(description), 500), null, BRAND, category(upper),
                attributes, List.of(), null, new Money(price, java.util.Currency.getInstance("GBP")), Availability.IN_STOCK, null);
    }

    static List<String> category(String upperDescription) {
        for (Map.Entry<Pattern, List<String>> rule : CATEGORIES) {
            if (rule.getKey().matcher(upperDescription).find()) {
                return rule.getValue();
            }
        }
        return List.of("Giftware", "Other");
    }
}
