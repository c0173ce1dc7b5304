package dev.parley.catalog.feed;

import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Imports products from a CSV file with a header row, through a {@link Mapping} from product
 * fields to column names. The default mapping expects these columns (only sku, title and price
 * are required): {@code sku, title, description, brand, category} (path separated by
 * {@code >}), {@code price} (a decimal, e.g. 12.50), {@code currency} (ISO 4217; or a fixed
 * currency in the mapping), {@code gtin}, {@code availability} (in_stock, out_of_stock, preorder,
 * discontinued; default in_stock), {@code stock}, {@code url}, {@code image}; and every column
 * named {@code attr:NAME} becomes attribute NAME (true/false → flag, a decimal → number, else text;
 * {@code |} separates list values).
 */
public final class CsvImporter {

    /** Which column holds which field; null for a field the file does not have. */
    public record Mapping(String sku, String title, String description, String brand, String category, String categorySeparator,
                          String price, String currencyColumn, String fixedCurrency, String gtin, String availability,
                          String stock, String url, String image, String attributePrefix) {
        public static Mapping defaults() {
            return new Mapping("sku", "title", "description", "brand", "category", ">", "price", "currency", null, "gtin",
                    "availability", "stock", "url", "image", "attr:");
        }

        public Mapping withFixedCurrency(String currency) {
            return new Mapping(sku, title, description, brand, category, categorySeparator, price, null, currency, gtin,
                    availability, stock, url, image, attributePrefix);
        }
    }

    private final Mapping mapping;
    private final ImportProgress progress;

    public CsvImporter(Mapping mapping, ImportProgress progress) {
        this.mapping = mapping;
        this.progress = progress;
    }

    public ImportResult importFrom(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return importFrom(file.getFileName().toString(), reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public ImportResult importFrom(String name, Reader reader) {
        ImportReport.Builder report = new ImportReport.Builder("CSV " + name);
        List<Product> products = new ArrayList<>();
        Map<Sku, Boolean> seen = new LinkedHashMap<>();
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).get().parse(reader)) {
            List<String> missing = new ArrayList<>();
            for (String required : new String[] {mapping.sku(), mapping.title(), mapping.price()}) {
                if (!csv.getHeaderMap().containsKey(required)) {
                    missing.add(required);
                }
            }
            if (!missing.isEmpty()) {
                report.skip(name + ":1", "missing required column", String.join(", ", missing));
                return new ImportResult(List.of(), report.build(0));
            }
            for (CSVRecord row : csv) {
                progress.rowsRead(report.read());
                String location = name + ":" + (row.getRecordNumber() + 1);
                if (!row.isConsistent()) {
                    report.skip(location, "malformed row", "expected " + csv.getHeaderNames().size() + " columns, found " + row.size());
                    continue;
                }
                try {
                    Product p = product(row, csv.getHeaderNames());
                    if (seen.put(p.sku(), Boolean.TRUE) != null) {
                        report.skip(location, "duplicate sku", p.sku().value());
                        continue;
                    }
                    products.add(p);
                    report.used();
                } catch (IllegalArgumentException | ArithmeticException e) {
                    report.skip(location, "invalid product", e.getMessage());
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            report.skip(name, "unreadable file", e.getMessage());
        }
        return new ImportResult(products, report.build(products.size()));
    }

    private Product product(CSVRecord row, List<String> headers) {
        String sku = get(row, mapping.sku());
        String title = get(row, mapping.title());
        String price = get(row, mapping.price());
        if (sku == null || title == null || price == null) {
            throw new IllegalArgumentException("sku, title and price are required");
        }
        String currency = mapping.fixedCurrency() != null ? mapping.fixedCurrency() : get(row, mapping.currencyColumn());
        if (currency == null) {
            throw new IllegalArgumentException("no currency");
        }
        List<String> category = get(row, mapping.category()) == null ? List.of()
                : Arrays.stream(get(row, mapping.category()).split(java.util.regex.Pattern.quote(mapping.categorySeparator())))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList();
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        if (mapping.attributePrefix() != null) {
            for (String header : headers) {
                if (header.startsWith(mapping.attributePrefix())) {
                    String value = get(row, header);
                    String attr = Attributes.name(header.substring(mapping.attributePrefix().length()));
                    if (value != null && attr != null) {
                        attributes.put(attr, value.contains("|")
                                ? AttributeValue.of(Arrays.stream(value.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                                : Attributes.typed(value));
                    }
                }
            }
        }
        String availability = get(row, mapping.availability());
        String stock = get(row, mapping.stock());
        Long units = stock == null ? null : Long.valueOf(stock);
        String image = get(row, mapping.image());
        String url = get(row, mapping.url());
        return new Product(Sku.of(sku), get(row, mapping.gtin()), title, get(row, mapping.description()), get(row, mapping.brand()),
                category, attributes, image == null ? List.of() : List.of(URI.create(image)), url == null ? null : URI.create(url),
                Money.of(price, currency.toUpperCase(Locale.ROOT)),
                availability == null ? (units != null && units == 0 ? Availability.OUT_OF_STOCK : Availability.IN_STOCK) : Availability.fromWire(availability),
                units);
    }

    private static String get(CSVRecord row, String column) {
        if (column == null || !row.isMapped(column)) {
            return null;
        }
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
