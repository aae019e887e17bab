package io.trainyard.server.queue.jobs;

import io.trainyard.server.common.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Resource labels: lower-case words such as {@code a100} or {@code zone=eu}. The pattern keeps them safe to
 * pass to PostgreSQL as an array literal ({@code {a,b}}) without quoting.
 */
final class Labels {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9._=/-]{0,62}");

    private Labels() {
    }

    static List<String> normalize(Collection<String> labels, String field) {
        if (labels == null) {
            return List.of();
        }
        List<String> normalized = labels.stream().map(l -> l == null ? "" : l.strip().toLowerCase(Locale.ROOT))
                .distinct().sorted().toList();
        for (String label : normalized) {
            if (!LABEL.matcher(label).matches()) {
                throw new ApiException.BadRequest(field, "'" + label + "' is not a label (lower-case letters, digits"
                        + " and . _ = / -, at most 63 characters)");
            }
        }
        return normalized;
    }

    static String literal(List<String> labels) {
        return "{" + String.join(",", labels) + "}";
    }
}
