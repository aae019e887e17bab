package io.trainyard.server.security.tokens;

import io.trainyard.client.model.TokenScope;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores scopes as a comma-separated list of their wire names, e.g. {@code read,write}. */
@Converter
class ScopesConverter implements AttributeConverter<Set<TokenScope>, String> {

    @Override
    public String convertToDatabaseColumn(Set<TokenScope> scopes) {
        return scopes.stream().sorted().map(TokenScope::wireName).collect(Collectors.joining(","));
    }

    @Override
    public Set<TokenScope> convertToEntityAttribute(String column) {
        if (column == null || column.isBlank()) {
            return EnumSet.noneOf(TokenScope.class);
        }
        return Arrays.stream(column.split(",")).map(TokenScope::fromWire)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TokenScope.class)));
    }
}
