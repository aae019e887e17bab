package io.trainyard.server.security.config;

import io.trainyard.server.security.AuditLog;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Form login succeeded: clear the account's failure count, audit it, go where the user was going. */
class LoginSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private final LoginThrottle throttle;
    private final AuditLog auditLog;

    LoginSuccessHandler(LoginThrottle throttle, AuditLog auditLog) {
        this.throttle = throttle;
        this.auditLog = auditLog;
        setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws ServletException, IOException {
        throttle.recordSuccess(authentication.getName());
        auditLog.recordFor(authentication.getName(), "login.succeeded", null, "web");
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
