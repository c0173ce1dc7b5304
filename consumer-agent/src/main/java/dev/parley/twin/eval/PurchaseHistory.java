package dev.parley.twin.eval;

import dev.parley.catalog.feed.ImportProgress;
import dev.parley.catalog.feed.ImportResult;
import dev.parley.catalog.feed.UciOnlineRetailImporter;
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
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The customers' invoices of the UCI Online Retail data, with the catalog they were bought from.
 * The catalog (and so which stock codes are products at all) comes from
 * {@link UciOnlineRetailImporter}; an invoice row counts when its stock code is one of those
 * products, it is not a cancellation, it names a customer, and its quantity and price are positive.
 * Invoice times are read as UTC.
 */
public record PurchaseHistory(Map<Sku, Product> catalog, List<Invoice> invoices) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    public PurchaseHistory {
        catalog = Map.copyOf(catalog);
        invoices = invoices.stream().sorted(Comparator.comparing(Invoice::time).thenComparing(Invoice::number)).toList();
        for (Invoice invoice : invoices) {
            for (Invoice.Line line : invoice.lines()) {
                if (!catalog.containsKey(line.sku())) {
                    throw new IllegalArgumentException("invoice " + invoice.number() + " has a product missing from the catalog: " + line.sku());
                }
            }
        }
    }

    /**
     * Reads a directory of daily CSV files (gzipped or not) in the UCI export's columns
     * ({@code InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country}).
     *
     * @throws IllegalArgumentException when the directory does not exist or holds no CSV file
     */
    public static PurchaseHistory read(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("not a directory: " + directory);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(p -> p.getFileName().toString().matches(".*\\.csv(\\.gz)?")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no .csv or .csv.gz files in " + directory);
        }
        ImportResult imported = new UciOnlineRetailImporter(ImportProgress.NONE).importFrom(directory);
        Map<Sku, Product> catalog = new LinkedHashMap<>();
        imported.products().forEach(p -> catalog.put(p.sku(), p));
        Map<String, Builder> byNumber = new LinkedHashMap<>();
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file);
                 InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 64 * 1024) : raw;
                 Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
                 CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                for (CSVRecord row : csv) {
                    readRow(row, catalog, byNumber);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        List<Invoice> invoices = new ArrayList<>(byNumber.size());
        byNumber.forEach((number, b) -> invoices.add(b.build(number)));
        return new PurchaseHistory(catalog, invoices);
    }

    private static void readRow(CSVRecord row, Map<Sku, Product> catalog, Map<String, Builder> byNumber) {
        if (!row.isConsistent()) {
            return;
        }
        String number = row.get("InvoiceNo").trim();
        String customer = row.get("CustomerID").trim();
        if (number.isEmpty() || number.startsWith("C") || number.startsWith("c") || customer.isEmpty()) {
            return;
        }
        String code = row.get("StockCode").trim().toUpperCase(Locale.ROOT);
        if (!Sku.SYNTAX.matcher(code).matches()) {
            return;
        }
        Product product = catalog.get(Sku.of(code));
        if (product == null) {
            return;
        }
        long quantity;
        BigDecimal price;
        LocalDateTime time;
        try {
            quantity = Long.parseLong(row.get("Quantity").trim());
            price = new BigDecimal(row.get("UnitPrice").trim());
            time = LocalDateTime.parse(row.get("InvoiceDate").trim(), TIME);
        } catch (RuntimeException e) {
            return;
        }
        if (quantity <= 0 || quantity > Integer.MAX_VALUE || price.signum() <= 0 || price.stripTrailingZeros().scale() > Money.MAX_FRACTION_DIGITS) {
            return;
        }
        // The export writes customer ids as floats ("17850.0").
        String id = customer.endsWith(".0") ? customer.substring(0, customer.length() - 2) : customer;
        byNumber.computeIfAbsent(number, n -> new Builder(id, time.toInstant(ZoneOffset.UTC)))
                .add(product.sku(), (int) quantity, new Money(price, product.listPrice().currency()));
    }

    private static final class Builder {
        final String customer;
        final Instant time;
        final Map<Sku, Invoice.Line> lines = new LinkedHashMap<>();

        Builder(String customer, Instant time) {
            this.customer = customer;
            this.time = time;
        }

        void add(Sku sku, int quantity, Money price) {
            lines.merge(sku, new Invoice.Line(sku, quantity, price),
                    (a, b) -> new Invoice.Line(sku, (int) Math.min(Integer.MAX_VALUE, (long) a.quantity() + b.quantity()), a.unitPrice()));
        }

        Invoice build(String number) {
            return new Invoice(number, customer, time, List.copyOf(lines.values()));
        }
    }
}
