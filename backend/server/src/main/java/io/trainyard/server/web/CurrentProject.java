package io.trainyard.server.web;

import io.trainyard.server.security.ProjectRef;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;

/** The project a browser session works in: chosen with the switcher, else {@code default}, else the first. */
public final class CurrentProject {

    static final String SESSION_ATTRIBUTE = "trainyard.currentProject";
    private static final String DEFAULT = "default";

    private CurrentProject() {
    }

    public static Optional<ProjectRef> of(HttpSession session, List<ProjectRef> visible) {
        Object chosen = session == null ? null : session.getAttribute(SESSION_ATTRIBUTE);
        return find(visible, chosen)
                .or(() -> find(visible, DEFAULT))
                .or(() -> visible.stream().findFirst());
    }

    private static Optional<ProjectRef> find(List<ProjectRef> visible, Object key) {
        return visible.stream().filter(p -> p.key().equals(key)).findFirst();
    }
}
