package dev.parley.brand.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.parley.protocol.json.ParleyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads a {@link BrandPolicy} from its JSON file, with errors that name the file and the field. */
public final class PolicyFile {

    private PolicyFile() {}

    /** A policy file that cannot be used, with the reason a person can act on. */
    public static final class InvalidPolicyException extends Exception {
        public InvalidPolicyException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static BrandPolicy load(Path file) throws InvalidPolicyException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException("policy file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new InvalidPolicyException("cannot read policy file " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses policy JSON; {@code source} names it in error messages. */
    public static BrandPolicy parse(byte[] json, String source) throws InvalidPolicyException {
        try {
            BrandPolicy policy = ParleyJson.configReader(BrandPolicy.class).readValue(json);
            if (policy == null) {
                throw new InvalidPolicyException("policy " + source + " is empty", null);
            }
            return policy;
        } catch (JsonMappingException e) {
            String where = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new InvalidPolicyException("policy " + source + (where.isEmpty() ? "" : " at " + where) + ": " + rootMessage(e), e);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException("policy " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidPolicyException("cannot read policy " + source + ": " + e.getMessage(), e);
        }
    }

    private static String rootMessage(JsonMappingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof IllegalArgumentException || root instanceof NullPointerException) {
            return root.getMessage() + (root instanceof NullPointerException ? " is required" : "");
        }
        return e.getOriginalMessage();
    }
}
