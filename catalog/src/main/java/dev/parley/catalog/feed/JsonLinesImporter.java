package dev.parley.catalog.feed;

import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Imports JSON Lines: one product per line in the protocol's wire form (the Product of
 * {@code catalog.page}: snake_case, money as {@code {"amount":"12.50","currency":"EUR"}}). Blank
 * lines are skipped without counting as rows.
 */
public final class JsonLinesImporter {
    /** Lines longer than this are refused without being parsed. */
    public static final int MAX_LINE = 256 * 1024;
    private final ImportProgress progress;

    public JsonLinesImporter(ImportProgress progress) {
        this.progress = progress;
    }

    public ImportResult importFrom(Path file) {
        String name = file.getFileName().toString();
        ImportReport.Builder report = new ImportReport.Builder("JSON Lines " + name);
        List<Product> products = new ArrayList<>();
        Set<Sku> seen = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                progress.rowsRead(report.read());
                String location = name + ":" + lineNo;
                if (line.length() > MAX_LINE) {
                    report.skip(location, "line too long", line.length() + " characters");
                    continue;
                }
                try {
                    Product p = ParleyJson.bind(ParleyJson.readObject(line), Product.class);
                    if (!seen.add(p.sku())) {
                        report.skip(location, "duplicate sku", p.sku().value());
                        continue;
                    }
                    products.add(p);
                    report.used();
                } catch (ProtocolException e) {
                    report.skip(location, e.code().wire().equals("malformed") ? "not a JSON object" : "invalid product", e.detail());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new ImportResult(products, report.build(products.size()));
    }
}
