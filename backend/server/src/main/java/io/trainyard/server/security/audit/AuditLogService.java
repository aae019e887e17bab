package io.trainyard.server.security.audit;

import io.trainyard.client.model.AuditEventView;
import io.trainyard.client.model.Page;
import io.trainyard.server.common.ApiException;
import io.trainyard.server.common.PageToken;
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
        String trimmed = details != null && details.length() > MAX_DETAILS ? details.substring(0, MAX_DETAILS) : details;
        events.save(new AuditEvent(actor, action, target, trimmed, clientAddress()));
    }

    @Transactional(readOnly = true)
    public Page<AuditEventView> list(Integer pageSize, String pageToken) {
        int size = PageToken.clampPageSize(pageSize);
        String after = PageToken.decode(pageToken);
        long before;
        try {
            before = after.isEmpty() ? Long.MAX_VALUE : Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new ApiException.BadRequest("pageToken", "is not a token this server issued");
        }
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
