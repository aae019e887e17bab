package io.trainyard.server.tracking;

import io.trainyard.server.common.ApiException;
import java.util.HexFormat;
import java.util.UUID;

/** Run IDs are UUIDs written as 32 hex digits, the way MLflow writes them; the dashed form is accepted too. */
public final class RunIds {

    private RunIds() {
    }

    public static String format(UUID id) {
        return HexFormat.of().toHexDigits(id.getMostSignificantBits())
                + HexFormat.of().toHexDigits(id.getLeastSignificantBits());
    }

    /** @throws ApiException.NotFound for anything that is not a run ID: no such run can exist */
    public static UUID parse(String text) {
        if (text != null && text.length() == 32 && HexFormat.isHexDigit(text.charAt(0))) {
            try {
                return new UUID(HexFormat.fromHexDigitsToLong(text, 0, 16), HexFormat.fromHexDigitsToLong(text, 16, 32));
            } catch (IllegalArgumentException e) {
                throw new ApiException.NotFound("run '" + text + "'");
            }
        }
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException e) {
            // falls through to not found
        }
        throw new ApiException.NotFound("run '" + text + "'");
    }
}
