package io.trainyard.server.security.audit;

import io.trainyard.client.model.AuditEventView;
import io.trainyard.client.model.Page;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit log, newest first; admins only (enforced by the API filter chain). */
@RestController
class AuditController {

    private final AuditLogService auditLog;

    AuditController(AuditLogService auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/api/v1/audit")
    Page<AuditEventView> list(@RequestParam(required = false) Integer pageSize,
                              @RequestParam(required = false) String pageToken) {
        return auditLog.list(pageSize, pageToken);
    }
}
