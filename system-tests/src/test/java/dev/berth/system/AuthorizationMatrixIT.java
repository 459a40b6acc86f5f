package dev.berth.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testsupport.Api;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every REST endpoint (enumerated from the resources under {@code web/.../*Resource.java}) against five callers: an
 * admin, the owner of what the endpoint is about, another user, no login, and the broker's agent account, which is
 * no API account at all. Allowed callers get an answer that is not 401/403 (2xx, or a 4xx about the request itself);
 * forbidden users get 403; no login and the agent account get 401.
 */
@ExtendWith(RunningBerth.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    /** Who calls. */
    enum Caller {
        ADMIN, OWNER, OTHER, ANONYMOUS, AGENT
    }

    private static final Set<Caller> ADMIN = EnumSet.of(Caller.ADMIN);
    private static final Set<Caller> ADMIN_OWNER = EnumSet.of(Caller.ADMIN, Caller.OWNER);
    private static final Set<Caller> EVERY_USER = EnumSet.of(Caller.ADMIN, Caller.OWNER, Caller.OTHER);

    private final RunningBerth berth;
    private final Fixtures fixtures;
    private String owner;
    private String other;
    private String host;
    private long unit;
    private long unitToDelete;
    private String command;
    private long ownersToken;
    private String ownerSession;
    private String thirdSession;

    AuthorizationMatrixIT(RunningBerth berth) {
        this.berth = berth;
        this.fixtures = new Fixtures(berth);
    }

    /**
     * The owner's units live on a host defined by the admin that no agent serves: a start or stop is refused there
     * for reasons other than who asks (409), and nothing runs.
     */
    @BeforeAll
    void makeOwnerAndTheirThings() {
        owner = fixtures.newUser("64m", 512);
        other = fixtures.newUser("64m", 512);
        host = "mx-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply defined = berth.admin().post("/hosts", "{\"name\":\"" + host + "\",\"address\":\"192.0.2."
                + (1 + (int) (Math.random() * 250)) + "\"}");
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        unit = fixtures.newUnit(owner, host, RunningBerth.freePort());
        unitToDelete = fixtures.newUnit(owner, host, RunningBerth.freePort());
        command = fixtures.request(berth.admin(), fixtures.newUnit(owner, host, RunningBerth.freePort()), "delete");
        ownersToken = berth.as(owner, Fixtures.PASSWORD).post("/tokens", "{\"name\":\"matrix\"}")
                .expect(201, "issuing a token of " + owner).json().getJsonNumber("id").longValue();
        // the owner's units cannot start on that host: the session opens with them noted, nothing runs
        ownerSession = openSession(owner);
        thirdSession = openSession(fixtures.newUser("64m", 512));
    }

    private String openSession(String user) {
        Api.Reply opened = berth.as(user, Fixtures.PASSWORD).post("/sessions", "");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().getString("id");
    }

    /** Ends the sessions the matrix's logins opened (the other user's, the admin's own). */
    private void endSessionsOpenedByTheMatrix() {
        for (JsonValue listed : berth.admin().get("/sessions").array()) {
            JsonObject session = listed.asJsonObject();
            if (List.of(other, "admin").contains(session.getString("user"))) {
                assertThat(berth.admin().delete("/sessions/" + session.getString("id")).status()).isEqualTo(200);
            }
        }
    }

    /**
     * One endpoint as called.
     *
     * @param allowed callers that may use it (the others with a login get 403, without one 401)
     * @param after   run after the admin's call, to undo what it did (may be null)
     */
    record Endpoint(String method, String path, String contentType, String body, Set<Caller> allowed,
                    Runnable after) {

        Endpoint(String method, String path, Set<Caller> allowed) {
            this(method, path, null, null, allowed, null);
        }

        Endpoint(String method, String path, String json, Set<Caller> allowed) {
            this(method, path, "application/json", json, allowed, null);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private List<Endpoint> endpoints() {
        String xml = "application/xml";
        return List.of(
                // API tokens: everyone their own (an admin anyone's); before the owner is disabled below, which
                // revokes the owner's tokens
                new Endpoint("POST", "/tokens", "{\"days\":0}", EVERY_USER),
                new Endpoint("GET", "/tokens", EVERY_USER),
                new Endpoint("DELETE", "/tokens/" + ownersToken, ADMIN_OWNER),
                // users
                new Endpoint("POST", "/users", "{}", ADMIN),
                new Endpoint("GET", "/users", EVERY_USER),
                new Endpoint("GET", "/users/" + owner, ADMIN_OWNER),
                new Endpoint("PUT", "/users/" + owner + "/password", "{\"new\":\"short\"}", ADMIN_OWNER),
                new Endpoint("POST", "/users/" + owner + "/disable", "application/json", "", ADMIN,
                        () -> assertThat(berth.admin().post("/users/" + owner + "/enable", "").status())
                                .isEqualTo(200)),
                new Endpoint("POST", "/users/" + owner + "/enable", "", ADMIN),
                new Endpoint("DELETE", "/users/" + owner, ADMIN),
                new Endpoint("PUT", "/users/" + owner + "/allowed-clients", "{\"allowedClients\":[\"no-network\"]}",
                        ADMIN),
                new Endpoint("PUT", "/users/" + owner + "/disk", "{\"disk\":\"lots\"}", ADMIN),
                // profiles of users from the directory (the default: a refused change, a refused delete)
                new Endpoint("GET", "/profiles", ADMIN),
                new Endpoint("GET", "/profiles/default", ADMIN),
                new Endpoint("POST", "/profiles", "{}", ADMIN),
                new Endpoint("PUT", "/profiles/default", "{\"memory\":\"lots\",\"cpuShares\":1}", ADMIN),
                new Endpoint("DELETE", "/profiles/default", ADMIN),
                // users' configuration files
                new Endpoint("GET", "/users/" + owner + "/config", ADMIN_OWNER),
                new Endpoint("GET", "/users/" + owner + "/config/raqsoftConfig.xml", ADMIN_OWNER),
                new Endpoint("PUT", "/users/" + owner + "/config/unitServer.xml", xml, "<not-xml", ADMIN, null),
                new Endpoint("DELETE", "/users/" + owner + "/config/unitServer.xml", ADMIN),
                new Endpoint("GET", "/users/" + owner + "/config/raqsoftConfig.xml/versions", ADMIN_OWNER),
                new Endpoint("GET", "/users/" + owner + "/config/raqsoftConfig.xml/versions/1", ADMIN_OWNER),
                new Endpoint("GET", "/users/" + owner + "/config/raqsoftConfig.xml/versions/1/diff?against=2",
                        ADMIN_OWNER),
                new Endpoint("POST", "/users/" + owner + "/config/raqsoftConfig.xml/versions/1/revert", "",
                        ADMIN),
                // hosts
                new Endpoint("GET", "/hosts", EVERY_USER),
                new Endpoint("GET", "/hosts/" + RunningBerth.HOST, EVERY_USER),
                new Endpoint("POST", "/hosts", "{}", ADMIN),
                new Endpoint("PUT", "/hosts/" + host, "{\"portMin\":70000}", ADMIN),
                // a clean-up of a host no agent serves: refused as OFFLINE (503) once allowed
                new Endpoint("GET", "/hosts/" + host + "/cleanup", ADMIN),
                new Endpoint("POST", "/hosts/" + host + "/cleanup", "", ADMIN),
                // units
                new Endpoint("POST", "/units", "{}", ADMIN),
                new Endpoint("GET", "/units", EVERY_USER),
                new Endpoint("GET", "/units/" + unit, ADMIN_OWNER),
                new Endpoint("PATCH", "/units/" + unit, "{\"image\":\"Not An Image\"}", ADMIN),
                new Endpoint("GET", "/units/" + unit + "/logs", ADMIN_OWNER),
                new Endpoint("GET", "/units/" + unit + "/stats?minutes=60", ADMIN_OWNER),
                new Endpoint("PUT", "/units/" + unit + "/restart-policy", "{\"policy\":\"sometimes\"}",
                        ADMIN_OWNER),
                new Endpoint("GET", "/reconciler/rules", ADMIN),
                new Endpoint("PUT", "/reconciler/rules", "{\"restartPolicy\":\"sometimes\"}", ADMIN),
                new Endpoint("POST", "/units/" + unit + "/start", "", ADMIN_OWNER),
                new Endpoint("POST", "/units/" + unit + "/stop", "", ADMIN_OWNER),
                new Endpoint("DELETE", "/units/" + unitToDelete, ADMIN_OWNER),
                // commands and audit
                new Endpoint("GET", "/commands/" + command, ADMIN_OWNER),
                new Endpoint("GET", "/audit?user=" + owner, ADMIN_OWNER),
                new Endpoint("GET", "/audit", EVERY_USER),
                new Endpoint("GET", "/audit.csv?user=" + owner, ADMIN),
                // dead letters: a letter that is not there (the admin's call is a 404)
                new Endpoint("GET", "/dead-letters", ADMIN),
                new Endpoint("POST", "/dead-letters/" + UUID.randomUUID() + "/replay", "", ADMIN),
                new Endpoint("DELETE", "/dead-letters/" + UUID.randomUUID(), ADMIN),
                // drift: a preview of an id that names nothing changes nothing
                new Endpoint("GET", "/drift?host=" + RunningBerth.HOST, ADMIN),
                new Endpoint("POST", "/drift/repair", "{\"host\":\"" + RunningBerth.HOST
                        + "\",\"ids\":[\"nothing\"],\"dryRun\":true}", ADMIN),
                // images
                new Endpoint("POST", "/images?host=all", "application/octet-stream", "not a tar", ADMIN, null),
                new Endpoint("GET", "/images/loads/no-such-upload", ADMIN),
                // legacy files
                new Endpoint("POST", "/import?kind=users&dryRun=true", xml, "<Users/>", ADMIN, null),
                new Endpoint("GET", "/export/users", ADMIN),
                new Endpoint("GET", "/export/servers?host=" + RunningBerth.HOST, ADMIN),
                new Endpoint("GET", "/export/unitserver?user=" + owner, ADMIN_OWNER),
                // batches: a malformed one (the admin's call is a 400), one that is not there (404)
                new Endpoint("POST", "/batches", "{\"items\":[]}", ADMIN),
                new Endpoint("GET", "/batches", ADMIN),
                new Endpoint("GET", "/batches/no-such-batch", ADMIN),
                // client sessions: the owner's own login is refused (409), as theirs is open already
                new Endpoint("POST", "/sessions", "application/json", "", EVERY_USER,
                        this::endSessionsOpenedByTheMatrix),
                new Endpoint("GET", "/sessions", EVERY_USER),
                new Endpoint("GET", "/sessions/" + ownerSession, ADMIN_OWNER),
                new Endpoint("PUT", "/sessions/" + ownerSession, "", ADMIN_OWNER),
                new Endpoint("POST", "/sessions/" + ownerSession + "/keepalive", "", ADMIN_OWNER),
                new Endpoint("GET", "/sessions/rules", ADMIN),
                new Endpoint("PUT", "/sessions/rules", "{\"policy\":\"first-wins\"}", ADMIN),
                // a user cannot end another user's session; the admin can
                new Endpoint("DELETE", "/sessions/" + thirdSession, ADMIN),
                new Endpoint("DELETE", "/sessions/" + ownerSession, ADMIN_OWNER));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointAnswersEachCallerAsItMay() {
        return endpoints().stream().map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
            List<String> wrong = new ArrayList<>();
            // the admin last: what an allowed call changes, the others have seen unchanged
            for (Caller caller : List.of(Caller.ANONYMOUS, Caller.AGENT, Caller.OTHER, Caller.OWNER, Caller.ADMIN)) {
                Api.Reply reply = call(api(caller), endpoint);
                String problem = problem(caller, endpoint, reply);
                if (problem != null) {
                    wrong.add(caller + ": " + problem + " (" + reply.status() + " " + reply.body() + ")");
                }
            }
            if (endpoint.after() != null) {
                endpoint.after().run();
            }
            assertThat(wrong).as(endpoint.toString()).isEmpty();
        }));
    }

    /**
     * The agents' download of an image tar has no API login at all: only the agent's proof opens it (see
     * ImageLoadIT), so every caller without one gets 403, and Basic credentials that are not a user's get 401.
     */
    @TestFactory
    Stream<DynamicTest> theImageDownloadOpensToNoLogin() {
        return Stream.of(Caller.values()).map(caller -> DynamicTest.dynamicTest(caller.name(), () -> {
            Api.Reply reply = api(caller).get("/image-uploads/no-such-upload");

            assertThat(reply.status()).as(reply.body()).isEqualTo(caller == Caller.AGENT ? 401 : 403);
        }));
    }

    private static String problem(Caller caller, Endpoint endpoint, Api.Reply reply) {
        int status = reply.status();
        if (caller == Caller.ANONYMOUS || caller == Caller.AGENT) {
            return status == 401 ? null : "expected 401";
        }
        if (endpoint.allowed().contains(caller)) {
            // a log read or a clean-up may find the host's agent silent (503); anything else of 5xx is a failure
            boolean serverError = status >= 500 && !((endpoint.path().endsWith("/logs")
                    || endpoint.path().endsWith("/cleanup")) && status == 503);
            return status == 401 || status == 403 || serverError ? "expected to be allowed" : null;
        }
        return status == 403 ? null : "expected 403";
    }

    private Api api(Caller caller) {
        return switch (caller) {
            case ADMIN -> berth.admin();
            case OWNER -> berth.as(owner, Fixtures.PASSWORD);
            case OTHER -> berth.as(other, Fixtures.PASSWORD);
            case ANONYMOUS -> berth.anonymous();
            case AGENT -> berth.as("agent", berth.brokerPassword("agent"));
        };
    }

    private static Api.Reply call(Api api, Endpoint endpoint) {
        return switch (endpoint.method()) {
            case "GET" -> api.get(endpoint.path());
            case "DELETE" -> api.delete(endpoint.path());
            case "POST" -> endpoint.contentType() == null ? api.post(endpoint.path(), "")
                    : api.post(endpoint.path(), endpoint.contentType(), endpoint.body());
            case "PUT" -> api.put(endpoint.path(), endpoint.contentType(), endpoint.body());
            case "PATCH" -> api.patch(endpoint.path(), endpoint.body());
            default -> throw new IllegalArgumentException(endpoint.method());
        };
    }
}
