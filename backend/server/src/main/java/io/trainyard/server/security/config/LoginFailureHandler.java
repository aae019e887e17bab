package io.trainyard.server.security.config;

import io.trainyard.server.security.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Form login failed: count it, audit it, and show one message whatever the reason (unknown user or not). */
class LoginFailureHandler implements AuthenticationFailureHandler {

    private final LoginThrottle throttle;
    private final AuditLog auditLog;

    LoginFailureHandler(LoginThrottle throttle, AuditLog auditLog) {
        this.throttle = throttle;
        this.auditLog = auditLog;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String username = request.getParameter("username");
        throttle.recordFailure(username, request.getRemoteAddr());
        auditLog.recordFor(username, "login.failed", null, "web");
        response.sendRedirect(request.getContextPath() + "/login?error");
    }
}
