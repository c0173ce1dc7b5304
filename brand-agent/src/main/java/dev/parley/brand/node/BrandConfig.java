package dev.parley.brand.node;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Protocol;
import dev.parley.protocol.error.ProtocolException;
import dev.parley.protocol.json.ParleyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A brand node's configuration: identity, keys, catalog source, stores, policy and limits. Read
 * from a JSON file; any setting can be overridden by an environment variable named
 * {@code PARLEY_} and its path in capitals ({@code PARLEY_PORT}, {@code PARLEY_CATALOG_PATH},
 * {@code PARLEY_LIMITS_REQUESTS_PER_SECOND}). Relative paths are relative to the file's folder.
 */
public record BrandConfig(
        String name,
        String origin,
        String host,
        Integer port,
        Path dataDir,
        Keys keys,
        Catalog catalog,
        Path policy,
        Limits limits,
        Boolean testMode,
        Boolean cluster,
        String contact) {

    /** The signing keys: where they live (created on first start) and their algorithm. */
    public record Keys(Path file, String algorithm) {
        public Keys {
            algorithm = algorithm == null ? "Ed25519" : algorithm;
            dev.parley.protocol.keys.Keys.Algorithm.parse(algorithm);
        }
    }

    /**
     * Where the catalog comes from on first start ({@code format}: csv, jsonl, acp, schema-org,
     * uci-online-retail or open-food-facts), how pages are cut, and where it is kept.
     */
    public record Catalog(String format, Path path, String currency, Integer pageSize, Path store, List<String> categories) {
        static final List<String> FORMATS = List.of("csv", "jsonl", "acp", "schema-org", "uci-online-retail", "open-food-facts");

        public Catalog {
            if (format == null || !FORMATS.contains(format)) {
                throw new IllegalArgumentException("catalog.format must be one of " + FORMATS + ", not " + format);
            }
            if (path == null) {
                throw new IllegalArgumentException("catalog.path is required");
            }
            pageSize = pageSize == null ? 100 : pageSize;
            if (pageSize < 1 || pageSize > 1000) {
                throw new IllegalArgumentException("catalog.page_size must be 1 to 1000");
            }
            categories = categories == null ? List.of() : List.copyOf(categories);
        }
    }

    /**
     * Request limits: rate per issuer and per client address, the largest request body, the
     * replay records kept, and how many posted messages are handled at once ({@code workers}:
     * threads of this node's own that verify, decide and sign; null: Vert.x's worker pool, shared
     * with whatever else runs on the same Vert.x instance).
     */
    public record Limits(Double requestsPerSecond, Integer burst, Integer maxBodyBytes, Integer replayCapacity, Integer workers) {
        public Limits {
            requestsPerSecond = requestsPerSecond == null ? 50.0 : requestsPerSecond;
            burst = burst == null ? 100 : burst;
            maxBodyBytes = maxBodyBytes == null ? Protocol.MAX_MESSAGE_BYTES : maxBodyBytes;
            replayCapacity = replayCapacity == null ? 2_000_000 : replayCapacity;
            if (requestsPerSecond <= 0 || burst < 1 || maxBodyBytes < 1024 || maxBodyBytes > Protocol.MAX_MESSAGE_BYTES || replayCapacity < 1000
                    || (workers != null && (workers < 1 || workers > 1024))) {
                throw new IllegalArgumentException("limits: requests_per_second > 0, burst >= 1, max_body_bytes 1024.." + Protocol.MAX_MESSAGE_BYTES
                        + ", replay_capacity >= 1000, workers 1..1024");
            }
        }
    }


    public BrandConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is required");
        }
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0 to 65535 (0: any free port)");
        }
        if (origin != null && !origin.matches("https://[a-z0-9.-]+(:[0-9]{1,5})?|http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?")) {
            throw new IllegalArgumentException("origin must be https://host[:port] (or http://127.0.0.1:port for tests), without path: " + origin);
        }
        dataDir = dataDir == null ? Path.of("brand-data") : dataDir;
        keys = keys == null ? new Keys(null, null) : keys;
        if (catalog == null) {
            throw new IllegalArgumentException("catalog is required");
        }
        if (policy == null) {
            throw new IllegalArgumentException("policy is required (the path of the policy file)");
        }
        limits = limits == null ? new Limits(null, null, null, null, null) : limits;
        testMode = testMode != null && testMode;
        cluster = cluster != null && cluster;
    }

    /** A configuration that cannot be used, with every problem found. */
    public static final class InvalidConfigException extends Exception {
        public InvalidConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads the file, applies environment overrides, and resolves relative paths against the file's folder. */
    public static BrandConfig load(Path file, Map<String, String> env) throws InvalidConfigException {
        ObjectNode tree;
        try {
            tree = ParleyJson.readObject(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        } catch (ProtocolException e) {
            throw new InvalidConfigException("configuration " + file + " is not valid JSON: " + e.detail(), e);
        }
        List<String> applied = applyEnvironment(tree, env);
        BrandConfig config;
        try {
            config = ParleyJson.configReader(BrandConfig.class).readValue(tree);
        } catch (JsonMappingException e) {
            String where = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String why = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new InvalidConfigException("configuration " + file + (where.isEmpty() ? "" : " at " + where) + ": " + why
                    + (applied.isEmpty() ? "" : " (environment overrides: " + String.join(", ", applied) + ")"), e);
        } catch (IOException e) {
            throw new InvalidConfigException("cannot read configuration " + file + ": " + e.getMessage(), e);
        }
        return config.resolvedAgainst(file.toAbsolutePath().getParent());
    }

    private static List<String> applyEnvironment(ObjectNode tree, Map<String, String> env) {
        List<String> applied = new ArrayList<>();
        for (String[] path : List.of(new String[] {"name"}, new String[] {"origin"}, new String[] {"host"}, new String[] {"port"},
                new String[] {"data_dir"}, new String[] {"policy"}, new String[] {"test_mode"}, new String[] {"cluster"},
                new String[] {"contact"}, new String[] {"keys", "file"}, new String[] {"keys", "algorithm"},
                new String[] {"catalog", "format"}, new String[] {"catalog", "path"}, new String[] {"catalog", "currency"},
                new String[] {"catalog", "page_size"}, new String[] {"catalog", "store"},
                new String[] {"limits", "requests_per_second"}, new String[] {"limits", "burst"},
                new String[] {"limits", "max_body_bytes"}, new String[] {"limits", "replay_capacity"}, new String[] {"limits", "workers"})) {
            String variable = "PARLEY_" + String.join("_", path).toUpperCase(Locale.ROOT);
            String value = env.get(variable);
            if (value == null) {
                continue;
            }
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.has(path[i]) && parent.get(path[i]).isObject() ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            String field = path[path.length - 1];
            if (value.matches("-?[0-9]+")) {
                parent.put(field, Long.parseLong(value));
            } else if (value.matches("-?[0-9]+\\.[0-9]+")) {
                parent.put(field, new java.math.BigDecimal(value));
            } else if (value.equals("true") || value.equals("false")) {
                parent.put(field, Boolean.parseBoolean(value));
            } else {
                parent.put(field, value);
            }
            applied.add(variable);
        }
        return applied;
    }

    private BrandConfig resolvedAgainst(Path base) {
        Path data = base.resolve(dataDir);
        Keys k = new Keys(keys.file() == null ? data.resolve("keys.json") : base.resolve(keys.file()), keys.algorithm());
        Catalog c = new Catalog(catalog.format(), base.resolve(catalog.path()), catalog.currency(), catalog.pageSize(),
                catalog.store() == null ? data.resolve("catalog.db") : base.resolve(catalog.store()), catalog.categories());
        return new BrandConfig(name, origin, host, port, data, k, c, base.resolve(policy), limits, testMode, cluster, contact);
    }

    /** This configuration listening on another port. */
    public BrandConfig withPort(int newPort) {
        return new BrandConfig(name, origin, host, newPort, dataDir, keys, catalog, policy, limits, testMode, cluster, contact);
    }

    /** The origin the node signs as: the configured one, or {@code http://127.0.0.1:PORT} for a loopback node. */
    public String originFor(int actualPort) {
        return origin != null ? origin : "http://127.0.0.1:" + actualPort;
    }
}
