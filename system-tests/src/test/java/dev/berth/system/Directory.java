package dev.berth.system;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldif.LDIFException;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The LDAP directory of the shared Berth: UnboundID's server in memory on 127.0.0.1, started before Berth
 * ({@link RunningBerth}) and given to it as {@code BERTH_LDAP_*}. Users are {@code inetOrgPerson} entries under
 * {@code ou=people} found by {@code uid}; groups are {@code groupOfNames} under {@code ou=groups} listing their
 * members' DNs. Only the service account may search, as in a directory that refuses anonymous reads. Tests add,
 * change, lock and remove their own users and groups, with fresh names.
 */
final class Directory implements AutoCloseable {

    static final String BASE = "dc=berth,dc=test";
    static final String PEOPLE = "ou=people," + BASE;
    static final String GROUPS = "ou=groups," + BASE;
    static final String SERVICE = "cn=berth,ou=services," + BASE;
    /** The groups whose members are Berth's administrators and users (BERTH_LDAP_ADMIN_GROUPS, _USER_GROUPS). */
    static final String ADMINS = "berth-admins";
    static final String USERS = "berth-users";

    private final String servicePassword = "svc-" + UUID.randomUUID();
    private final InMemoryDirectoryServer server;
    private final Map<String, Boolean> groups = new ConcurrentHashMap<>();

    private Directory() throws LDAPException, LDIFException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                0, null));
        config.setAuthenticationRequiredOperationTypes(OperationType.SEARCH, OperationType.COMPARE);
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: berth");
        server.add("dn: ou=services," + BASE, "objectClass: organizationalUnit", "ou: services");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: " + SERVICE, "objectClass: person", "cn: berth", "sn: berth",
                "userPassword: " + servicePassword);
        server.startListening();
    }

    static Directory start() {
        try {
            return new Directory();
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("the in-memory LDAP directory did not start", e);
        }
    }

    /** What Berth is started with to use this directory. */
    Map<String, String> environment() {
        return Map.of("BERTH_LDAP_URL", "ldap://127.0.0.1:" + server.getListenPort(),
                "BERTH_LDAP_BIND_DN", SERVICE,
                "BERTH_LDAP_BIND_PASSWORD", servicePassword,
                "BERTH_LDAP_USER_BASE", PEOPLE,
                "BERTH_LDAP_GROUP_BASE", GROUPS,
                "BERTH_LDAP_ADMIN_GROUPS", ADMINS,
                "BERTH_LDAP_USER_GROUPS", USERS);
    }

    /** A fresh user ({@code d<random>}) with {@code password}, member of {@code groups}; returns the uid. */
    String newUser(String password, String... groupNames) {
        String uid = "d" + UUID.randomUUID().toString().substring(0, 8);
        add(uid, password);
        for (String group : groupNames) {
            join(uid, group);
        }
        return uid;
    }

    /** An entry with this exact uid (a name a local user may have too). */
    void add(String uid, String password) {
        modify(() -> server.add("dn: " + dn(uid), "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid,
                "sn: " + uid, "displayName: Dir " + uid, "userPassword: " + password));
    }

    /** Makes {@code uid} a member of {@code group} (made when it is new). */
    void join(String uid, String group) {
        String groupDn = "cn=" + group + "," + GROUPS;
        synchronized (groups) {
            if (groups.putIfAbsent(group, Boolean.TRUE) == null) {
                modify(() -> server.add("dn: " + groupDn, "objectClass: groupOfNames", "cn: " + group));
            }
        }
        modify(() -> server.modify(groupDn, new Modification(ModificationType.ADD, "member", dn(uid))));
    }

    void leave(String uid, String group) {
        modify(() -> server.modify("cn=" + group + "," + GROUPS, new Modification(ModificationType.DELETE,
                "member", dn(uid))));
    }

    /** Locks the entry as 389 Directory Server does. */
    void lock(String uid) {
        modify(() -> server.modify(dn(uid), new Modification(ModificationType.ADD, "nsAccountLock", "true")));
    }

    /** Removes the entry (its group memberships stay, as a directory without referential integrity keeps them). */
    void remove(String uid) {
        modify(() -> server.delete(dn(uid)));
    }

    static String dn(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    private interface Change {
        void apply() throws LDAPException, LDIFException;
    }

    private static void modify(Change change) {
        try {
            change.apply();
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException("the test directory refused a change: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
