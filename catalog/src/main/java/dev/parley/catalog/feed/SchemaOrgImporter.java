package dev.parley.catalog.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Imports schema.org {@code Product} nodes from JSON-LD documents (top level, inside
 * {@code @graph}, or nested). SKU: {@code sku}, else a GTIN, {@code productID} or {@code mpn};
 * without any of these, {@code so-} and the first 16 hex digits of the SHA-256 of the name, so
 * re-imports keep the same SKU. Price: the {@code Offer}'s {@code price} and
 * {@code priceCurrency} (for an {@code AggregateOffer}, {@code lowPrice}); a product without a
 * price is skipped ("no price"). Brand ({@code brand} text or {@code brand.name}), category
 * (split on {@code >} or {@code /}), image, URL, description and availability are kept.
 */
public final class SchemaOrgImporter {
    private final ImportProgress progress;

    public SchemaOrgImporter(ImportProgress progress) {
        this.progress = progress;
    }

    /** Imports one .jsonld file, or every .jsonld file of a directory. */
    public ImportResult importFrom(Path source) {
        List<Path> files;
        try (Stream<Path> s = Files.isDirectory(source) ? Files.list(source) : Stream.of(source)) {
            files = s.filter(p -> p.toString().endsWith(".jsonld")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + source, e);
        }
        ImportReport.Builder report = new ImportReport.Builder("schema.org JSON-LD (" + files.size() + " files)");
        List<Product> products = new ArrayList<>();
        java.util.Set<Sku> seen = new java.util.HashSet<>();
        for (Path file : files) {
            JsonNode root;
            try {
                root = ParleyJson.readTree(Files.readAllBytes(file));
            } catch (ProtocolException | IOException e) {
                progress.rowsRead(report.read());
                report.skip(file.getFileName().toString(), "not JSON", e.getMessage());
                continue;
            }
            List<JsonNode> nodes = new ArrayList<>();
            collectProducts(root, nodes);
            for (int i = 0; i < nodes.size(); i++) {
                progress.rowsRead(report.read());
                String location = file.getFileName() + ":Product[" + i + "]";
                try {
                    Product p = product(nodes.get(i));
                    if (p == null) {
                        report.skip(location, "no price", nodes.get(i).path("name").asText(""));
                    } else if (!seen.add(p.sku())) {
                        report.skip(location, "duplicate sku", p.sku().value());
                    } else {
                        products.add(p);
                        report.used();
                    }
                } catch (IllegalArgumentException | ArithmeticException e) {
                    report.skip(location, "invalid product", e.getMessage());
                }
            }
        }
        return new ImportResult(products, report.build(products.size()));
    }

    private static void collectProducts(JsonNode node, List<JsonNode> out) {
        if (node.isObject()) {
            if (isType(node, "Product")) {
                out.add(node);
            }
            node.fields().forEachRemaining(e -> collectProducts(e.getValue(), out));
        } else if (node.isArray()) {
            node.forEach(n -> collectProducts(n, out));
        }
    }

    private static boolean isType(JsonNode node, String type) {
        JsonNode t = node.get("@type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (type.equals(x.asText())) {
                    return true;
                }
            }
            return false;
        }
        return type.equals(t.asText());
    }

    private static Product product(JsonNode node) {
        String name = text(node, "name");
        if (name == null) {
            throw new IllegalArgumentException("product without name");
        }
        JsonNode offer = node.path("offers");
        if (offer.isArray()) {
            offer = offer.isEmpty() ? offer : offer.get(0);
        }
        String amount = text(offer, "price");
        if (amount == null) {
            amount = text(offer, "lowPrice");
        }
        String currency = text(offer, "priceCurrency");
        if (amount == null || currency == null) {
            return null;
        }
        Money price = new Money(new BigDecimal(amount.trim()), java.util.Currency.getInstance(currency.trim()));
        String gtin = firstText(node, "gtin13", "gtin14", "gtin12", "gtin8", "gtin");
        String sku = firstText(node, "sku");
        if (sku == null) {
            sku = gtin != null ? gtin : firstText(node, "productID", "mpn");
        }
        if (sku == null || !Sku.SYNTAX.matcher(sku).matches()) {
            sku = "so-" + sha256(name).substring(0, 16);
        }
        JsonNode brandNode = node.path("brand");
        String brand = brandNode.isTextual() ? brandNode.asText() : text(brandNode, "name");
        String category = text(node, "category");
        List<String> path = category == null ? List.of()
                : java.util.Arrays.stream(category.split("[>/]")).map(String::trim).filter(s -> !s.isEmpty()).limit(12).toList();
        JsonNode image = node.path("image");
        URI imageUri = Text.uri(image.isArray() && !image.isEmpty() ? image.get(0).asText() : image.asText(null));
        String availability = text(offer, "availability");
        Availability avail = availability != null && availability.endsWith("OutOfStock") ? Availability.OUT_OF_STOCK
                : availability != null && availability.endsWith("PreOrder") ? Availability.PREORDER
                : availability != null && availability.endsWith("Discontinued") ? Availability.DISCONTINUED : Availability.IN_STOCK;
        String description = text(node, "description");
        return new Product(Sku.of(sku), gtin != null && gtin.matches("[0-9]{8,14}") ? gtin : null, Text.clip(name, 500),
                description == null ? null : Text.clip(description, 5000), brand, path, java.util.Map.of(),
                imageUri == null ? List.of() : List.of(imageUri), Text.uri(text(node, "url")), price, avail, null);
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            String v = text(node, f);
            if (v != null) {
                return v.trim();
            }
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
