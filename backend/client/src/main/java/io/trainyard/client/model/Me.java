package io.trainyard.client.model;

import java.util.List;
import java.util.Set;

/** The caller: who it is, what its credential may do, and its projects. */
public record Me(String username, String displayName, boolean admin, Set<TokenScope> scopes,
                 List<ProjectView> projects) {
}
