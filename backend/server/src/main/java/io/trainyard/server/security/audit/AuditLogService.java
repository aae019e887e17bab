package io.trainyard.server.security.audit;

import io.trainyard.client.model.AuditEventView;
import io.trainyard.client.model.Page;
import io.trainyard.server.common.PageToken;
import io.trainyard.server.common.Texts;
import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

@Service
public class AuditLogService implements AuditLog {

    private static final int MAX_DETAILS = 2000;

    private final AuditEventRepository events;

    AuditLogService(AuditEventRepository events) {
        this.events = events;
    }

    @Override
    @Transactional
    public void record(String action, String target, String details) {
        recordFor(CurrentUser.current().map(CurrentUser::getUsername).orElse(null), action, target, details);
    }

    @Override
    @Transactional
    public void recordFor(String actor, String action, String target, String details) {
        // bounded to the columns: an attacker's 10 kB username must not turn a failed login into a 500
        events.save(new AuditEvent(Texts.truncate(actor, 64), Texts.truncate(action, 64),
                Texts.truncate(target, 300), Texts.truncate(details, MAX_DETAILS),
                Texts.truncate(clientAddress(), 64)));
    }

    @Transactional(readOnly = true)
    public Page<AuditEventView> list(Integer pageSize, String pageToken) {
        int size = PageToken.clampPageSize(pageSize);
        long before = PageToken.decodeBelow(pageToken);
        List<AuditEvent> rows = events.findByIdLessThanOrderByIdDesc(before, Limit.of(size + 1));
        return PageToken.page(rows, size, AuditLogService::view, view -> String.valueOf(view.id()));
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static AuditEventView view(AuditEvent event) {
        return new AuditEventView(event.getId(), event.getOccurredAt(), event.getActor(), event.getAction(),
                event.getTarget(), event.getDetails(), event.getClientAddress());
    }
}
