package io.trainyard.server.tracking.metrics;

import io.trainyard.server.common.ApiException;
import java.io.IOException;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code {"metrics":[{key, value, step, timestamp}, ...]}} token by token straight into a {@link MetricBatch}:
 * no record per point and no boxed numbers, which for 10,000 points was most of the request's JSON time. It
 * accepts what the data-bound request accepted: values as numbers, bare or quoted {@code NaN}/{@code Infinity},
 * or numeric strings; steps and timestamps as integers or integer strings; unknown properties are ignored. A
 * bad point is a 400 naming its field ({@code metrics[3].value}) before anything is written.
 */
@Component
class MetricBatchReader {

    /** Most requests are a handful of points; a 10,000-point batch grows there in a few cheap copies. */
    private static final int INITIAL_CAPACITY = 256;
    private static final String VALUE_RULE = "a number, or \"NaN\", \"Infinity\", \"-Infinity\"";

    private final JsonMapper json;

    /** Spring's mapper, so that the configured read features (non-numeric numbers, limits) apply here too. */
    MetricBatchReader(JsonMapper json) {
        this.json = json;
    }

    /**
     * @param limit the most points allowed; a longer batch is read to the end only to count it
     * @param now   the timestamp of points that carry none
     */
    MetricBatch read(HttpInputMessage message, int limit, long now) throws IOException {
        try (JsonParser parser = json.createParser(message.getBody())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new HttpMessageNotReadableException("The body must be a JSON object", message);
            }
            MetricBatch batch = null;
            String property;
            while ((property = parser.nextName()) != null) {
                JsonToken token = parser.nextToken();
                if ("metrics".equals(property) && token != JsonToken.VALUE_NULL) {
                    batch = readPoints(parser, limit, now);
                } else {
                    parser.skipChildren();
                }
            }
            if (batch == null) {
                throw new ApiException.BadRequest("metrics", "is required");
            }
            return batch;
        } catch (JacksonException e) {
            throw new HttpMessageNotReadableException("The request body is not valid JSON", e, message);
        }
    }

    private static MetricBatch readPoints(JsonParser parser, int limit, long now) {
        if (!parser.hasToken(JsonToken.START_ARRAY)) {
            throw new ApiException.BadRequest("metrics", "must be an array of points");
        }
        MetricBatch.Builder batch = new MetricBatch.Builder(INITIAL_CAPACITY, now); // grows by doubling
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (count >= limit) {
                parser.skipChildren();
            } else {
                readPoint(parser, "metrics[" + count + "]", batch);
            }
            count++;
        }
        if (count > limit) {
            throw new ApiException.BadRequest("metrics", count + " points in one request; the limit is " + limit);
        }
        return batch.build();
    }

    private static void readPoint(JsonParser parser, String field, MetricBatch.Builder batch) {
        if (parser.hasToken(JsonToken.VALUE_NULL)) {
            throw new ApiException.BadRequest(field, "is null");
        }
        if (!parser.hasToken(JsonToken.START_OBJECT)) {
            throw new ApiException.BadRequest(field, "must be an object {key, value, step, timestamp}");
        }
        String key = null;
        double value = 0;
        boolean hasValue = false;
        long step = 0;
        long timestamp = batch.now();
        String property;
        while ((property = parser.nextName()) != null) {
            parser.nextToken();
            switch (property) {
                case "key" -> key = key(parser, field + ".key");
                case "value" -> {
                    hasValue = !parser.hasToken(JsonToken.VALUE_NULL) && !isEmptyString(parser);
                    value = hasValue ? value(parser, field + ".value") : 0;
                }
                case "step" -> step = integer(parser, field + ".step", 0);
                case "timestamp" -> timestamp = integer(parser, field + ".timestamp", batch.now());
                default -> parser.skipChildren();
            }
        }
        int keyPosition = batch.keyPosition(field, key);
        if (!hasValue) {
            throw new ApiException.BadRequest(field + ".value", "is required (" + VALUE_RULE + ")");
        }
        batch.add(keyPosition, value, step, timestamp);
    }

    private static String key(JsonParser parser, String field) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new ApiException.BadRequest(field, "must be a string");
        }
        return parser.getString();
    }

    private static boolean isEmptyString(JsonParser parser) {
        return parser.hasToken(JsonToken.VALUE_STRING) && parser.getString().isBlank();
    }

    private static double value(JsonParser parser, String field) {
        JsonToken token = parser.currentToken();
        if (token.isNumeric()) {
            return parser.getDoubleValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            String text = parser.getString().trim();
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new ApiException.BadRequest(field, "'" + text + "' is not " + VALUE_RULE);
            }
        }
        throw new ApiException.BadRequest(field, "must be " + VALUE_RULE);
    }

    private static long integer(JsonParser parser, String field, long absent) {
        JsonToken token = parser.currentToken();
        try {
            if (token == JsonToken.VALUE_NUMBER_INT) {
                return parser.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                return Long.parseLong(parser.getString().trim());
            }
        } catch (NumberFormatException | JacksonException e) {
            throw new ApiException.BadRequest(field, "must be an integer between " + Long.MIN_VALUE + " and "
                    + Long.MAX_VALUE);
        }
        if (token == JsonToken.VALUE_NULL) {
            return absent;
        }
        throw new ApiException.BadRequest(field, "must be an integer");
    }
}
