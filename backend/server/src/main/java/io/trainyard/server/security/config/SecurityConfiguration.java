package io.trainyard.server.security.config;

import io.trainyard.server.security.AuditLog;
import io.trainyard.server.security.tokens.TokenService;
import io.trainyard.server.security.users.UserService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Three filter chains. The API ({@code /api/**}, {@code /actuator/**}, and the MLflow-compatible
 * {@code /ajax-api/**} and {@code /mlflow/{project}/**}) is stateless and answers problem+json;
 * the UI (everything else) uses form login, a session cookie, CSRF tokens and strict security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Everything from our own origin; no inline script, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** Swagger UI ships an inline style and runs its bundle from our origin; it gets a looser style rule. */
    static final String SWAGGER_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
            .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    /** Searches are POSTs (MLflow's and ours, for long filters) but only read. */
    private static final String[] READ_ONLY_POSTS = {"/api/v1/runs/search",
            "/api/2.0/mlflow/runs/search", "/api/2.0/mlflow/experiments/search",
            "/ajax-api/2.0/mlflow/runs/search", "/ajax-api/2.0/mlflow/experiments/search",
            "/mlflow/*/api/2.0/mlflow/runs/search", "/mlflow/*/api/2.0/mlflow/experiments/search",
            "/mlflow/*/ajax-api/2.0/mlflow/runs/search", "/mlflow/*/ajax-api/2.0/mlflow/experiments/search"};

    /** What an executor token may touch besides the protocol: runs, and the datasets its jobs train on. */
    private static final String[] EXECUTOR_DATA = {"/api/v1/runs/**", "/api/v1/projects/*/datasets/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // bcrypt by default; the {id} prefix lets us move to argon2 later without resetting passwords
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(HttpSecurity http, TokenService tokens, AccountDetailsService accounts,
                                       PasswordEncoder passwordEncoder, LoginThrottle throttle, AuditLog auditLog)
            throws Exception {
        ApiAuthenticationFilter authentication =
                new ApiAuthenticationFilter(tokens, accounts, passwordEncoder, throttle, auditLog);
        http.securityMatcher("/api/**", "/actuator/**", "/ajax-api/**", "/mlflow/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(authentication, BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                ProblemResponses.unauthorized(response, "Authentication required: send "
                                        + "'Authorization: Bearer <token>' or HTTP Basic credentials"))
                        .accessDeniedHandler((request, response, e) ->
                                ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                                        "Your credential does not allow this request (role or token scope)")))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/actuator/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole("ADMIN"),
                                AuthorityAuthorizationManager.hasAuthority("SCOPE_read")))
                        .requestMatchers("/api/v1/users/**", "/api/v1/audit/**").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole("ADMIN"),
                                AuthorityAuthorizationManager.hasAuthority("SCOPE_admin")))
                        // the executor protocol: executor tokens (or admins); jobs are fenced by lease tokens
                        .requestMatchers(HttpMethod.POST, "/api/v1/executors/register", "/api/v1/executors/*/claim",
                                "/api/v1/jobs/*/heartbeat", "/api/v1/jobs/*/complete", "/api/v1/jobs/*/release")
                        .access(executorOrAdmin())
                        .requestMatchers(HttpMethod.DELETE, "/api/v1/executors/*").access(executorOrAdmin())
                        // direct job submission (diagnostic jobs) is an operator's tool
                        .requestMatchers(HttpMethod.POST, "/api/v1/jobs").access(AuthorizationManagers.allOf(
                                AuthorityAuthorizationManager.hasRole("ADMIN"),
                                AuthorityAuthorizationManager.hasAuthority("SCOPE_admin")))
                        .requestMatchers(HttpMethod.POST, READ_ONLY_POSTS).hasAuthority("SCOPE_read")
                        // executors read their jobs' inputs and write their runs (status, metrics, artifacts)
                        .requestMatchers(HttpMethod.GET, EXECUTOR_DATA).hasAnyAuthority("SCOPE_read", "SCOPE_executor")
                        .requestMatchers(EXECUTOR_DATA).hasAnyAuthority("SCOPE_write", "SCOPE_executor")
                        .requestMatchers(HttpMethod.GET, "/**").hasAuthority("SCOPE_read")
                        .requestMatchers(HttpMethod.HEAD, "/**").hasAuthority("SCOPE_read")
                        .anyRequest().hasAuthority("SCOPE_write"));
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> executorOrAdmin() {
        return AuthorizationManagers.anyOf(AuthorityAuthorizationManager.hasAuthority("SCOPE_executor"),
                AuthorizationManagers.allOf(AuthorityAuthorizationManager.hasRole("ADMIN"),
                        AuthorityAuthorizationManager.hasAuthority("SCOPE_admin")));
    }

    /**
     * The OpenAPI description: scripts fetch it with a token, Swagger UI with the browser's session.
     * Never creates a session itself.
     */
    @Bean
    @Order(2)
    SecurityFilterChain apiDocsFilterChain(HttpSecurity http, TokenService tokens, AccountDetailsService accounts,
                                           PasswordEncoder passwordEncoder, LoginThrottle throttle,
                                           AuditLog auditLog) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/v3/api-docs")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiAuthenticationFilter(tokens, accounts, passwordEncoder, throttle, auditLog),
                        BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) ->
                        ProblemResponses.unauthorized(response, "Authentication required")))
                .authorizeHttpRequests(auth -> auth.anyRequest().hasAuthority("SCOPE_read"));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain uiFilterChain(HttpSecurity http, LoginThrottle throttle, AuditLog auditLog,
                                      UserService users) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // /error too: else a 404 on a public path (the browser's /favicon.ico) is saved as the
                        // request to resume, and the next sign-in lands on /error?continue instead of home
                        .requestMatchers("/login", "/error", "/css/**", "/js/**", "/img/**", "/webjars/**",
                                "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/admin/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login")
                        .successHandler(new LoginSuccessHandler(throttle, auditLog))
                        .failureHandler(new LoginFailureHandler(throttle, auditLog))
                        .permitAll())
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .addFilterBefore(new SessionAccountFilter(users), AuthorizationFilter.class)
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .headers(headers -> headers
                        .addHeaderWriter((request, response) -> response.setHeader("Content-Security-Policy",
                                request.getRequestURI().startsWith("/swagger-ui")
                                        ? SWAGGER_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
