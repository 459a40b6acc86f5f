package dev.berth.users.control;

import dev.berth.users.entity.DirectoryAnswer;
import dev.berth.users.entity.DirectoryEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * Berth's LDAP client (JNDI): finds a user by {@code uid} below {@code BERTH_LDAP_USER_BASE} and their groups by
 * {@code member} below {@code BERTH_LDAP_GROUP_BASE}, on one connection bound as {@code BERTH_LDAP_BIND_DN} (or
 * anonymous) that is kept and reused (searches take turns on it, and it is opened again when the server dropped it);
 * and verifies a password by binding as the user's DN on a connection of its own, closed at once. A verified bind is
 * remembered for a short while ({@link VerifiedPasswords}); the entry and the groups are read at every login.
 */
@ApplicationScoped
public class Directory implements PasswordDirectory {

    private static final String[] USER_ATTRIBUTES = {"uid", "cn", "displayName", "nsAccountLock",
        "pwdAccountLockedTime"};

    @Inject
    DirectorySettings settings;

    @Inject
    VerifiedPasswords verified;

    private final Object turn = new Object();
    private DirContext service;

    @Override
    public DirectoryAnswer check(String name, String password) {
        DirectorySettings.Ldap ldap = ldap();
        Optional<DirectoryEntry> found = find(name);
        if (found.isEmpty()) {
            return DirectoryAnswer.unknown();
        }
        DirectoryEntry entry = found.get();
        if (entry.lock().isPresent()) {
            return DirectoryAnswer.locked(entry.lock().get());
        }
        if (!verified.matches(name, password, "ldap:" + entry.dn(), () -> binds(ldap, entry.dn(), password))) {
            return DirectoryAnswer.wrongPassword();
        }
        return DirectoryAnswer.accepted(entry.groups(), entry.displayName());
    }

    /**
     * The entry of {@code name} with its groups, read now; empty when the directory has none (or more than one).
     *
     * @throws DirectoryUnavailableException when the directory could not be asked
     */
    public Optional<DirectoryEntry> find(String name) {
        DirectorySettings.Ldap ldap = ldap();
        synchronized (turn) {
            try {
                return find(ldap, name);
            } catch (NamingException first) {
                // the kept connection may have been closed by the server since (JNDI says so in more than one way):
                // once more, on a new one
                close();
                try {
                    return find(ldap, name);
                } catch (NamingException e) {
                    close();
                    throw unavailable(ldap, e);
                }
            }
        }
    }

    private Optional<DirectoryEntry> find(DirectorySettings.Ldap ldap, String name) throws NamingException {
        DirContext context = service(ldap);
        SearchControls users = new SearchControls(SearchControls.SUBTREE_SCOPE, 2, 0, USER_ATTRIBUTES, false, false);
        List<SearchResult> matches = list(context.search(ldap.userBase(), "(uid={0})", new Object[] {name}, users));
        if (matches.size() != 1) {
            return Optional.empty();
        }
        SearchResult user = matches.get(0);
        String dn = user.getNameInNamespace();
        Map<String, List<String>> attributes = values(user.getAttributes());
        SearchControls groups = new SearchControls(SearchControls.SUBTREE_SCOPE, 0, 0, new String[] {"cn"}, false,
                false);
        Set<String> names = new HashSet<>();
        for (SearchResult group : list(context.search(ldap.groupBase(), "(member={0})", new Object[] {dn}, groups))) {
            Attribute cn = group.getAttributes().get("cn");
            if (cn != null && cn.get() != null) {
                names.add(cn.get().toString());
            }
        }
        String displayName = first(attributes, "displayName").or(() -> first(attributes, "cn")).orElse(null);
        return Optional.of(new DirectoryEntry(dn, displayName, names, DirectoryEntry.lockOf(attributes)));
    }

    /** Whether {@code password} binds as {@code dn}; an empty password never does (it would be an anonymous bind). */
    private static boolean binds(DirectorySettings.Ldap ldap, String dn, String password) {
        if (password.isEmpty()) {
            return false;
        }
        DirContext context = null;
        try {
            context = new InitialDirContext(environment(ldap, dn, password));
            return true;
        } catch (AuthenticationException wrong) {
            return false;
        } catch (NamingException e) {
            throw unavailable(ldap, e);
        } finally {
            closeQuietly(context);
        }
    }

    private DirContext service(DirectorySettings.Ldap ldap) throws NamingException {
        if (service == null) {
            service = new InitialDirContext(environment(ldap, ldap.bindDn().orElse(null),
                    ldap.bindPassword().orElse(null)));
        }
        return service;
    }

    private static Hashtable<String, Object> environment(DirectorySettings.Ldap ldap, String dn, String password) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, ldap.url());
        env.put(Context.REFERRAL, "ignore");
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(ldap.timeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(ldap.timeout().toMillis()));
        if (dn == null) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password == null ? "" : password);
        }
        return env;
    }

    private DirectorySettings.Ldap ldap() {
        try {
            return settings.ldap().orElseThrow(() -> new IllegalStateException("no LDAP directory is configured"
                    + " (BERTH_LDAP_URL)"));
        } catch (IllegalStateException e) {
            throw new DirectoryUnavailableException(e.getMessage(), e);
        }
    }

    private static DirectoryUnavailableException unavailable(DirectorySettings.Ldap ldap, NamingException e) {
        return new DirectoryUnavailableException("the LDAP directory at " + ldap.url() + " did not answer: "
                + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static List<SearchResult> list(NamingEnumeration<SearchResult> results) throws NamingException {
        List<SearchResult> list = new ArrayList<>();
        try {
            while (results.hasMore()) {
                list.add(results.next());
            }
        } finally {
            results.close();
        }
        return list;
    }

    private static Map<String, List<String>> values(Attributes attributes) throws NamingException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        NamingEnumeration<? extends Attribute> all = attributes.getAll();
        while (all.hasMore()) {
            Attribute attribute = all.next();
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < attribute.size(); i++) {
                Object value = attribute.get(i);
                if (value != null) {
                    texts.add(value.toString());
                }
            }
            values.put(attribute.getID(), texts);
        }
        return values;
    }

    private static Optional<String> first(Map<String, List<String>> attributes, String name) {
        return attributes.entrySet().stream().filter(a -> a.getKey().equalsIgnoreCase(name))
                .flatMap(a -> a.getValue().stream()).filter(v -> !v.isBlank()).findFirst();
    }

    @PreDestroy
    void close() {
        synchronized (turn) {
            closeQuietly(service);
            service = null;
        }
    }

    private static void closeQuietly(DirContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException ignored) {
                // closing what is gone already
            }
        }
    }
}
