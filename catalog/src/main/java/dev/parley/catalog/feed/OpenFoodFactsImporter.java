package dev.parley.catalog.feed;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports the Open Food Facts export (tab-separated, one product per row): barcode as SKU and
 * GTIN, name, first brand, the English category list as a category path, labels as flags
 * ({@code vegan}, {@code vegetarian}, {@code organic}, {@code fair_trade}, {@code palm_oil_free},
 * {@code gluten_free}) plus the full {@code labels} list, Nutri-Score ({@code nutriscore}, a–e),
 * NOVA group and quantity as attributes.
 *
 * <p>Open Food Facts has no prices. The caller supplies a {@link Pricing}; the
 * {@link #referencePricing()} one is a documented, deterministic rule, and every product it
 * prices carries {@code price_source = "reference"} so nobody mistakes it for a shop's price.
 */
public final class OpenFoodFactsImporter {
    /** Gives a product its price, or null to skip it ("no price"). */
    @FunctionalInterface
    public interface Pricing extends Function<CSVRecord, Money> {}

    private static final Set<String> FLAG_LABELS = Set.of("vegan", "vegetarian", "organic", "fair-trade", "palm-oil-free", "gluten-free");
    private final ImportProgress progress;
    private final Pricing pricing;

    public OpenFoodFactsImporter(ImportProgress progress, Pricing pricing) {
        this.progress = progress;
        this.pricing = pricing;
    }

    /**
     * EUR prices from the product's main category (beverages 1.89, dairy 2.49, snacks and sweets
     * 2.29, meat and fish 5.99, plant-based 2.19, anything else 2.99) times a factor between 0.80
     * and 1.39 taken from the barcode's digits, rounded to cents. Deterministic and reproducible.
     */
    public static Pricing referencePricing() {
        return REFERENCE;
    }

    private static final Pricing REFERENCE = new Pricing() {
        @Override
        public Money apply(CSVRecord row) {
            String categories = row.get("categories_en").toLowerCase(Locale.ROOT);
            String base = categories.contains("beverage") ? "1.89"
                    : categories.contains("dair") || categories.contains("chees") ? "2.49"
                    : categories.contains("snack") || categories.contains("sweet") ? "2.29"
                    : categories.contains("meat") || categories.contains("fish") ? "5.99"
                    : categories.contains("plant-based") ? "2.19" : "2.99";
            String code = row.get("code");
            int digits = 0;
            for (char c : code.toCharArray()) {
                digits = (digits * 31 + c) % 60;
            }
            BigDecimal factor = new BigDecimal(80 + digits).movePointLeft(2);
            return new Money(new BigDecimal(base).multiply(factor).setScale(2, RoundingMode.HALF_EVEN), java.util.Currency.getInstance("EUR"));
        }
    };

    public ImportResult importFrom(Path tsv) {
        ImportReport.Builder report = new ImportReport.Builder("Open Food Facts " + tsv.getFileName());
        List<Product> products = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8);
             CSVParser csv = CSVFormat.TDF.builder().setQuote(null).setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            for (CSVRecord row : csv) {
                progress.rowsRead(report.read());
                String location = tsv.getFileName() + ":" + (row.getRecordNumber() + 1);
                if (!row.isConsistent()) {
                    report.skip(location, "malformed row", "expected " + csv.getHeaderNames().size() + " columns, found " + row.size());
                    continue;
                }
                String code = row.get("code").trim();
                String name = row.get("product_name").trim();
                if (!code.matches("[0-9]{1,64}")) {
                    report.skip(location, "invalid barcode", code);
                    continue;
                }
                if (name.isEmpty()) {
                    report.skip(location, "missing product name", code);
                    continue;
                }
                if (seen.put(code, Boolean.TRUE) != null) {
                    report.skip(location, "duplicate barcode", code);
                    continue;
                }
                Money price = pricing.apply(row);
                if (price == null) {
                    report.skip(location, "no price", code);
                    continue;
                }
                report.used();
                products.add(product(code, name, row, price, pricing == REFERENCE));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv, e);
        }
        return new ImportResult(products, report.build(products.size()));
    }

    private static Product product(String code, String name, CSVRecord row, Money price, boolean referencePrice) {
        String gtin = code.length() >= 8 && code.length() <= 14 ? code : null;
        String brand = Arrays.stream(row.get("brands").split(",")).map(String::trim).filter(s -> !s.isEmpty()).findFirst().orElse(null);
        List<String> category = Arrays.stream(row.get("categories_en").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .limit(12).map(s -> Text.clip(s, 200)).toList();
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        List<String> labels = Arrays.stream(row.get("labels_tags").split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.contains(":") ? s.substring(s.indexOf(':') + 1) : s).distinct().limit(50).toList();
        for (String label : labels) {
            if (FLAG_LABELS.contains(label)) {
                attributes.put(label.replace('-', '_'), AttributeValue.of(true));
            }
        }
        if (!labels.isEmpty()) {
            attributes.put("labels", AttributeValue.of(labels));
        }
        String grade = row.get("nutriscore_grade").trim().toLowerCase(Locale.ROOT);
        if (grade.matches("[a-e]")) {
            attributes.put("nutriscore", AttributeValue.of(grade));
        }
        String nova = row.get("nova_group").trim();
        if (nova.matches("[1-4]")) {
            attributes.put("nova_group", AttributeValue.of(new BigDecimal(nova)));
        }
        String quantity = row.get("quantity").trim();
        if (!quantity.isEmpty()) {
            attributes.put("quantity", AttributeValue.of(Text.clip(quantity, 100)));
        }
        if (referencePrice) {
            attributes.put("price_source", AttributeValue.of("reference"));
        }
        List<URI> images = new ArrayList<>();
        String image = row.get("image_url").trim();
        URI imageUri = Text.uri(image);
        if (imageUri != null) {
            images.add(imageUri);
        }
        return new Product(Sku.of(Text.clip(code, 64)), gtin, Text.clip(name, 500), null, brand, category, attributes, images,
                Text.uri(row.get("url").trim()), price, Availability.IN_STOCK, null);
    }
}
