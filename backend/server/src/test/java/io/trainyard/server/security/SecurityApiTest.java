package io.trainyard.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trainyard.client.TrainyardApiException;
import io.trainyard.client.TrainyardClient;
import io.trainyard.client.model.CreateProjectRequest;
import io.trainyard.client.model.CreateTokenRequest;
import io.trainyard.client.model.CreateUserRequest;
import io.trainyard.client.model.CreatedToken;
import io.trainyard.client.model.ProjectRole;
import io.trainyard.client.model.TokenScope;
import io.trainyard.server.support.Api;
import io.trainyard.server.support.IntegrationTest;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Authentication, tokens, scopes, roles and the audit log, through the real HTTP API. */
class SecurityApiTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TrainyardClient adminClient() {
        CreatedToken token = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.ADMIN));
        return new TrainyardClient(URI.create(baseUrl()), token.token());
    }

    private CreatedToken tokenFor(String username, String password, Set<TokenScope> scopes) {
        String body = "{\"name\":\"" + unique("t") + "\",\"scopes\":["
                + String.join(",", scopes.stream().map(s -> "\"" + s.wireName() + "\"").toList()) + "]}";
        Api.Response response = api().basic(username, password).post("/api/v1/tokens", body);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new CreatedToken(response.json().path("id").asLong(), response.json().path("name").asString(),
                response.json().path("token").asString(), scopes, null);
    }

    private String createUser(TrainyardClient admin, boolean isAdmin) {
        String username = unique("user");
        admin.createUser(new CreateUserRequest(username, "correct-horse-battery", null, isAdmin));
        return username;
    }

    @Test
    void anonymousApiCallsGet401ProblemAndNoCookie() {
        Api.Response response = api().get("/api/v1/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.header("WWW-Authenticate")).contains("Bearer").contains("Basic");
        assertThat(response.header("Set-Cookie")).isNull();
    }

    @Test
    void unknownUserAndWrongPasswordAreIndistinguishable() {
        Api.Response unknown = api().basic(unique("nobody"), "whatever-password").get("/api/v1/me");
        Api.Response wrong = api().basic("admin", "not-the-password").get("/api/v1/me");
        Api.Response badToken = api().bearer("ty_not-a-real-token").get("/api/v1/me");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body()).isEqualTo(badToken.body());
    }

    @Test
    void passwordAndTokenAuthenticationSetNoCookie() {
        Api.Response byPassword = api().basic("admin", ADMIN_PASSWORD).get("/api/v1/me");
        assertThat(byPassword.status()).isEqualTo(200);
        assertThat(byPassword.header("Set-Cookie")).isNull();
        CreatedToken token = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        Api.Response byToken = api().bearer(token.token()).get("/api/v1/me");
        assertThat(byToken.status()).isEqualTo(200);
        assertThat(byToken.header("Set-Cookie")).isNull();
        assertThat(byToken.json().path("scopes").toString()).isEqualTo("[\"read\"]");
    }

    @Test
    void tokenIsShownOnceStoredHashedAndUsableAsBearerOrBasicPassword() {
        CreatedToken token = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        assertThat(token.token()).startsWith("ty_").hasSizeGreaterThan(40);

        String listed = api().bearer(token.token()).get("/api/v1/tokens").body();
        assertThat(listed).doesNotContain(token.token()).contains(token.token().substring(0, 10));
        String stored = jdbc.queryForObject("select token_hash from api_tokens where id = ?", String.class, token.id());
        assertThat(stored).hasSize(64).doesNotContain(token.token());

        assertThat(api().basic("admin", token.token()).get("/api/v1/me").status()).isEqualTo(200);
        // a token only works for its owner's name
        assertThat(api().basic("someone-else", token.token()).get("/api/v1/me").status()).isEqualTo(401);
        Integer used = jdbc.queryForObject("select count(*) from api_tokens where id = ? and last_used_at is not null",
                Integer.class, token.id());
        assertThat(used).isEqualTo(1);
    }

    @Test
    void readScopeCannotWriteAndCannotMintBroaderTokens() {
        CreatedToken read = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        Api.Response create = api().bearer(read.token())
                .post("/api/v1/projects", "{\"key\":\"" + unique("p") + "\",\"name\":\"P\"}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.header("Content-Type")).startsWith("application/problem+json");

        CreatedToken write = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.WRITE));
        Api.Response escalate = api().bearer(write.token())
                .post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"admin\"]}");
        assertThat(escalate.status()).isEqualTo(400);
        assertThat(escalate.json().path("errors").get(0).path("field").asString()).isEqualTo("scopes");
        // write implies read
        assertThat(api().bearer(write.token()).get("/api/v1/me").status()).isEqualTo(200);
        // admin endpoints need the admin scope even for an admin user
        assertThat(api().bearer(write.token()).get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void revokedAndExpiredTokensAreRefused() {
        CreatedToken revoked = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        assertThat(api().bearer(revoked.token()).delete("/api/v1/tokens/" + revoked.id()).status()).isEqualTo(403);
        assertThat(api().basic("admin", ADMIN_PASSWORD).delete("/api/v1/tokens/" + revoked.id()).status())
                .isEqualTo(204);
        assertThat(api().bearer(revoked.token()).get("/api/v1/me").status()).isEqualTo(401);

        CreatedToken expired = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        jdbc.update("update api_tokens set expires_at = now() - interval '1 second' where id = ?", expired.id());
        assertThat(api().bearer(expired.token()).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void nonAdminsCannotManageUsersAndOnlySeeTheirProjects() {
        TrainyardClient admin = adminClient();
        String alice = createUser(admin, false);
        String bob = createUser(admin, false);
        TrainyardClient aliceClient = new TrainyardClient(URI.create(baseUrl()),
                tokenFor(alice, "correct-horse-battery", Set.of(TokenScope.WRITE)).token());

        assertThat(api().basic(alice, "correct-horse-battery").get("/api/v1/users").status()).isEqualTo(403);

        String key = unique("proj");
        aliceClient.createProject(new CreateProjectRequest(key, "Alice's"));
        assertThat(aliceClient.project(key).role()).isEqualTo(ProjectRole.OWNER);
        // bob is no member: 404, not 403, so keys leak nothing
        assertThat(api().basic(bob, "correct-horse-battery").get("/api/v1/projects/" + key).status()).isEqualTo(404);
        assertThat(api().basic(bob, "correct-horse-battery").get("/api/v1/projects/no-such-project").status())
                .isEqualTo(404);

        aliceClient.setMember(key, bob, ProjectRole.VIEWER);
        assertThat(api().basic(bob, "correct-horse-battery").get("/api/v1/projects/" + key).status()).isEqualTo(200);
        // a viewer may not manage members
        assertThat(api().basic(bob, "correct-horse-battery")
                .put("/api/v1/projects/" + key + "/members/" + bob, "{\"role\":\"owner\"}").status()).isEqualTo(403);
        // the last owner cannot be demoted
        assertThatThrownBy(() -> aliceClient.setMember(key, alice, ProjectRole.EDITOR))
                .isInstanceOfSatisfying(TrainyardApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void disablingAUserRevokesItsTokensAndBlocksPasswordLogin() {
        TrainyardClient admin = adminClient();
        String carol = createUser(admin, false);
        CreatedToken token = tokenFor(carol, "correct-horse-battery", Set.of(TokenScope.READ));

        assertThat(api().bearer(admin.createToken(new CreateTokenRequest("a", Set.of(TokenScope.ADMIN), 1)).token())
                .delete("/api/v1/users/" + carol).status()).isEqualTo(204);

        assertThat(api().bearer(token.token()).get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api().basic(carol, "correct-horse-battery").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from api_tokens t join users u on u.id = t.user_id "
                + "where u.username = ? and t.revoked_at is null", Integer.class, carol)).isZero();
    }

    @Test
    void adminCannotDisableOrDemoteItself() {
        CreatedToken token = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.ADMIN));
        Api.Response response = api().bearer(token.token()).patch("/api/v1/users/admin", "{\"enabled\":false}");
        assertThat(response.status()).isEqualTo(409);
        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void badInputNamesTheFieldAndReason() {
        Api api = api().basic("admin", ADMIN_PASSWORD);

        Api.Response missingName = api.post("/api/v1/tokens", "{\"scopes\":[\"read\"]}");
        assertThat(missingName.status()).isEqualTo(400);
        assertThat(missingName.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missingName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(missingName.json().path("detail").asString()).contains("name");

        Api.Response badScope = api.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"superuser\"]}");
        assertThat(badScope.status()).isEqualTo(400);
        assertThat(badScope.json().path("errors").get(0).path("field").asString()).startsWith("scopes");
        assertThat(badScope.json().path("detail").asString()).contains("superuser");

        Api.Response badDays = api.post("/api/v1/tokens", "{\"name\":\"x\",\"scopes\":[\"read\"],\"expiresInDays\":0}");
        assertThat(badDays.status()).isEqualTo(400);
        assertThat(badDays.json().path("errors").get(0).path("field").asString()).isEqualTo("expiresInDays");

        Api.Response notJson = api.post("/api/v1/projects", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");

        Api.Response badKey = api.post("/api/v1/projects", "{\"key\":\"Bad Key!\",\"name\":\"x\"}");
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json().path("errors").get(0).path("field").asString()).isEqualTo("key");

        Api.Response shortPassword = api().bearer(tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.ADMIN)).token())
                .post("/api/v1/users", "{\"username\":\"" + unique("u") + "\",\"password\":\"short\"}");
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.json().path("errors").get(0).path("field").asString()).isEqualTo("password");

        Api.Response badPageSize = api.get("/api/v1/projects?pageSize=0");
        assertThat(badPageSize.status()).isEqualTo(400);
        assertThat(badPageSize.json().path("errors").get(0).path("field").asString()).isEqualTo("pageSize");

        Api.Response duplicate = api.post("/api/v1/projects", "{\"key\":\"default\",\"name\":\"again\"}");
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void projectListPaginatesWithTokens() {
        Api api = api().basic("admin", ADMIN_PASSWORD);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/projects", "{\"key\":\"" + unique("page") + "\",\"name\":\"p\"}");
        }
        Api.Response first = api.get("/api/v1/projects?pageSize=2");
        assertThat(first.json().path("items").size()).isEqualTo(2);
        String next = first.json().path("nextPageToken").asString();
        assertThat(next).isNotBlank();
        Api.Response second = api.get("/api/v1/projects?pageSize=2&pageToken=" + next);
        assertThat(second.json().path("items").get(0).path("key").asString())
                .isGreaterThan(first.json().path("items").get(1).path("key").asString());
        assertThat(api.get("/api/v1/projects?pageToken=!!!!").status()).isEqualTo(400);
    }

    @Test
    void repeatedFailuresForOneAccountAreThrottled() {
        TrainyardClient admin = adminClient();
        String dave = createUser(admin, false);
        Api.Response last = null;
        for (int i = 0; i < 10; i++) {
            last = api().basic(dave, "wrong-password-" + i).get("/api/v1/me");
            assertThat(last.status()).isEqualTo(401);
        }
        Api.Response throttled = api().basic(dave, "correct-horse-battery").get("/api/v1/me");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isNotNull();
        // other accounts from the same address are not locked out by dave's failures alone
        assertThat(api().basic("admin", ADMIN_PASSWORD).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsWrongMethodsAndMalformedIdsAnswerProblemJson() {
        Api api = api().basic("admin", ADMIN_PASSWORD);
        Api.Response unknown = api.get("/api/v1/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
        Api.Response wrongMethod = api.send("PATCH", "/api/v1/tokens", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.header("Content-Type")).startsWith("application/problem+json");
        Api.Response badId = api.delete("/api/v1/tokens/abc");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("errors").get(0).path("field").asString()).isEqualTo("id");
    }

    @Test
    void anAbsurdlyLongUsernameIsJustAFailedLogin() {
        Api.Response response = api().basic("x".repeat(5000), "whatever").get("/api/v1/me");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void tokensStillWorkForAnAccountWhosePasswordIsUnderAttack() {
        String grace = createUser(adminClient(), false);
        CreatedToken token = tokenFor(grace, "correct-horse-battery", Set.of(TokenScope.READ));
        for (int i = 0; i < 12; i++) {
            api().basic(grace, "guess-" + i).get("/api/v1/me");
        }
        assertThat(api().basic(grace, "correct-horse-battery").get("/api/v1/me").status()).isEqualTo(429);
        assertThat(api().bearer(token.token()).get("/api/v1/me").status()).isEqualTo(200);
        assertThat(api().basic(grace, token.token()).get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void usersChangeTheirOwnPasswordWithTheCurrentOne() {
        String heidi = createUser(adminClient(), false);
        Api heidiApi = api().basic(heidi, "correct-horse-battery");
        Api.Response wrongCurrent = heidiApi.put("/api/v1/me/password",
                "{\"currentPassword\":\"nope\",\"newPassword\":\"a-brand-new-password\"}");
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().path("errors").get(0).path("field").asString()).isEqualTo("currentPassword");
        Api.Response tooShort = heidiApi.put("/api/v1/me/password",
                "{\"currentPassword\":\"correct-horse-battery\",\"newPassword\":\"short\"}");
        assertThat(tooShort.json().path("errors").get(0).path("field").asString()).isEqualTo("newPassword");

        assertThat(heidiApi.put("/api/v1/me/password",
                "{\"currentPassword\":\"correct-horse-battery\",\"newPassword\":\"a-brand-new-password\"}")
                .status()).isEqualTo(204);
        assertThat(api().basic(heidi, "correct-horse-battery").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(api().basic(heidi, "a-brand-new-password").get("/api/v1/me").status()).isEqualTo(200);
    }

    @Test
    void metricsAndInfoNeedAnAdminWhileHealthIsPublic() {
        CreatedToken adminRead = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.READ));
        Api.Response prometheus = api().bearer(adminRead.token()).get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(api().bearer(adminRead.token()).get("/actuator/info").status()).isEqualTo(200);
        CreatedToken executorOnly = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.EXECUTOR));
        assertThat(api().bearer(executorOnly.token()).get("/actuator/prometheus").status()).isEqualTo(403);

        String frank = createUser(adminClient(), false);
        assertThat(api().basic(frank, "correct-horse-battery").get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(api().get("/actuator/prometheus").status()).isEqualTo(401);
        Api.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        assertThat(health.body()).as("details only for admins").doesNotContain("\"db\"");
        assertThat(api().bearer(adminRead.token()).get("/actuator/health").body()).contains("\"db\"");
    }

    @Test
    void auditLogRecordsLoginsTokensAndUserChanges() {
        TrainyardClient admin = adminClient();
        String erin = createUser(admin, false);
        api().basic(erin, "wrong-password").get("/api/v1/me");

        CreatedToken auditor = tokenFor("admin", ADMIN_PASSWORD, Set.of(TokenScope.ADMIN));
        String audit = api().bearer(auditor.token()).get("/api/v1/audit?pageSize=200").body();
        assertThat(audit).contains("\"action\":\"user.created\"", "\"target\":\"user:" + erin + "\"");
        assertThat(audit).contains("\"action\":\"login.failed\"", "\"actor\":\"" + erin + "\"");
        assertThat(audit).contains("\"action\":\"token.created\"");
        assertThat(audit).contains("\"clientAddress\":\"127.0.0.1\"");
        assertThat(api().basic(erin, "correct-horse-battery").get("/api/v1/audit").status()).isEqualTo(403);
    }
}
