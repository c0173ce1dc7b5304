package dev.parley.catalog.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import dev.parley.protocol.message.AttributeValue;
import dev.parley.protocol.message.Availability;
import dev.parley.protocol.message.Product;
import dev.parley.protocol.message.Sku;
import dev.parley.protocol.money.Money;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports an Agentic Commerce Protocol product feed ({@code {"products": [...]}}, as in the ACP
 * feed's upsert request and products response): one Parley product per ACP <em>variant</em>, which
 * is what a buyer orders. Variant id → SKU; title and plain description (the product's when the
 * variant has none); GTIN from barcodes; price (ACP integer minor units) → list price (the ACP
 * {@code list_price} when present, else {@code price}); availability status; variant options
 * → attributes; categories → category path (split on {@code >}); media → images; URL.
 */
public final class AcpFeedImporter {
    private final ImportProgress progress;

    public AcpFeedImporter(ImportProgress progress) {
        this.progress = progress;
    }

    public ImportResult importFrom(Path file) {
        try {
            return importFrom(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public ImportResult importFrom(String name, byte[] json) {
        ImportReport.Builder report = new ImportReport.Builder("ACP feed " + name);
        List<Product> products = new ArrayList<>();
        JsonNode root;
        try {
            root = ParleyJson.readObject(json);
        } catch (ProtocolException e) {
            report.skip(name, "not a JSON object", e.detail());
            return new ImportResult(List.of(), report.build(0));
        }
        JsonNode list = root.path("products");
        if (!list.isArray()) {
            report.skip(name, "no products array", "expected {\"products\": [...]}");
            return new ImportResult(List.of(), report.build(0));
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode product = list.get(i);
            JsonNode variants = product.path("variants");
            if (!variants.isArray() || variants.isEmpty()) {
                progress.rowsRead(report.read());
                report.skip(name + ":products[" + i + "]", "product without variants", product.path("id").asText());
                continue;
            }
            for (int v = 0; v < variants.size(); v++) {
                progress.rowsRead(report.read());
                String location = name + ":products[" + i + "].variants[" + v + "]";
                try {
                    products.add(variant(product, variants.get(v)));
                    report.used();
                } catch (IllegalArgumentException | ArithmeticException e) {
                    report.skip(location, "invalid variant", e.getMessage());
                }
            }
        }
        return new ImportResult(products, report.build(products.size()));
    }

    private static Product variant(JsonNode product, JsonNode variant) {
        String id = text(variant, "id");
        if (id == null) {
            throw new IllegalArgumentException("variant has no id");
        }
        String title = text(variant, "title") != null ? text(variant, "title") : text(product, "title");
        String description = variant.path("description").path("plain").asText(null);
        if (description == null) {
            description = product.path("description").path("plain").asText(null);
        }
        JsonNode priceNode = variant.has("list_price") ? variant.get("list_price") : variant.get("price");
        if (priceNode == null) {
            throw new IllegalArgumentException("variant " + id + " has no price");
        }
        Money price = minorUnits(priceNode);
        String gtin = null;
        for (JsonNode barcode : variant.path("barcodes")) {
            String value = barcode.path("value").asText("");
            if (barcode.path("type").asText("").toUpperCase(java.util.Locale.ROOT).startsWith("GTIN") && value.matches("[0-9]{8,14}")) {
                gtin = value;
            }
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        for (JsonNode option : variant.path("variant_options")) {
            String attr = Attributes.name(option.path("name").asText(""));
            if (attr != null && option.hasNonNull("value")) {
                attributes.put(attr, Attributes.typed(option.get("value").asText()));
            }
        }
        if (variant.has("price") && variant.has("list_price")) {
            attributes.put("sale_price", AttributeValue.of(minorUnits(variant.get("price")).amount()));
        }
        List<String> category = List.of();
        JsonNode categories = variant.has("categories") ? variant.get("categories") : product.path("categories");
        if (categories.isArray() && !categories.isEmpty()) {
            category = Arrays.stream(categories.get(0).path("value").asText("").split(">")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        List<URI> images = new ArrayList<>();
        JsonNode media = variant.path("media").isEmpty() ? product.path("media") : variant.path("media");
        for (JsonNode m : media) {
            URI uri = Text.uri(m.path("url").asText(null));
            if ("image".equals(m.path("type").asText()) && uri != null && images.size() < 20) {
                images.add(uri);
            }
        }
        String status = variant.path("availability").path("status").asText("in_stock");
        Availability availability = switch (status) {
            case "out_of_stock" -> Availability.OUT_OF_STOCK;
            case "preorder", "backorder" -> Availability.PREORDER;
            case "discontinued" -> Availability.DISCONTINUED;
            default -> variant.path("availability").path("available").asBoolean(true) ? Availability.IN_STOCK : Availability.OUT_OF_STOCK;
        };
        String brand = variant.path("seller").path("name").asText(null);
        return new Product(Sku.of(id), gtin, Text.clip(title, 500), description == null ? null : Text.clip(description, 5000), brand,
                category, attributes, images, Text.uri(text(variant, "url")), price, availability, null);
    }

    private static Money minorUnits(JsonNode price) {
        Currency currency = Currency.getInstance(price.path("currency").asText(""));
        if (!price.path("amount").canConvertToExactIntegral()) {
            throw new IllegalArgumentException("ACP price amounts are integers in minor units: " + price.path("amount"));
        }
        BigDecimal amount = price.get("amount").decimalValue().movePointLeft(Math.max(0, currency.getDefaultFractionDigits()));
        return new Money(amount, currency);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }
}
