package dev.berth.legacy.boundary;

import dev.berth.configs.boundary.UserConfigs;
import dev.berth.configs.control.Endpoint;
import dev.berth.configs.control.EsprocFiles;
import dev.berth.hosts.entity.Host;
import dev.berth.legacy.control.DockerServerXml;
import dev.berth.legacy.control.DockerUserXml;
import dev.berth.legacy.control.HostRecords;
import dev.berth.platform.entity.Actor;
import dev.berth.platform.entity.BerthException;
import dev.berth.units.entity.Unit;
import dev.berth.users.entity.AppUser;
import dev.berth.users.entity.MemorySize;
import dev.berth.users.entity.Origin;
import dev.berth.users.entity.Role;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Berth's state written as the legacy files. An exported {@code <Pwd>} holds the stored PBKDF2 hash, never a clear
 * password, and an import keeps such a hash as it is: export, then import, changes nothing.
 */
@Stateless
public class Exports {

    @PersistenceContext
    EntityManager em;

    @Inject
    HostRecords hosts;

    @EJB
    UserConfigs configs;

    /**
     * docker_user.xml of every user (administrators are no part of it, nor users from the directory: they have no
     * password in Berth, and an import would make them local users).
     */
    public String users(Actor actor) {
        List<AppUser> all = em.createQuery("select u from AppUser u where u.role = :role and u.origin = :local"
                + " order by u.name", AppUser.class).setParameter("role", Role.USER)
                .setParameter("local", Origin.LOCAL).getResultList();
        return DockerUserXml.write(all.stream().map(user -> new DockerUserXml.User(0, user.getName(),
                user.getAlias(), user.getPasswordHash(), MemorySize.parse(user.getMemory()),
                user.getCpuShares(), user.getHome(), 0, unitsOf(user).stream()
                .map(unit -> new Endpoint(unit.getHost().getAddress(), unit.getPort())).toList())).toList());
    }

    /** docker_server.xml of one host; {@code hostName} may be left out when there is exactly one host. */
    public String server(String hostName, Actor actor) {
        Host host;
        if (hostName == null || hostName.isBlank()) {
            List<Host> all = em.createNamedQuery(Host.ALL, Host.class).getResultList();
            if (all.size() != 1) {
                throw BerthException.invalid("a docker_server.xml describes one machine; say which with ?host=<name>"
                        + " (hosts: " + String.join(", ", all.stream().map(Host::getName).toList()) + ")");
            }
            host = all.get(0);
        } else {
            host = hosts.named(hostName.trim()).orElseThrow(() -> BerthException.notFound("no host named '"
                    + hostName + "' (GET /api/hosts lists them)"));
        }
        HostRecords.Facts facts = hosts.factsOf(host);
        return DockerServerXml.write(new DockerServerXml.Server(0, new Endpoint(facts.address(),
                facts.commPort() == null ? HostRecords.GUIDE_COMM_PORT : facts.commPort()), facts.share(),
                facts.manager()));
    }

    /**
     * unitServer.xml of one user: the file the user's units get at their next start, that is the admin's edited
     * version if there is one, else the one generated from the units (a {@code Host} per unit at its host's address,
     * task counts by the user's CPU shares). The user may export their own.
     */
    public String unitServer(String userName, Actor actor) {
        if (userName == null || userName.isBlank()) {
            throw BerthException.invalid("a unitServer.xml lists the units of one user: say whose with ?user=<name>");
        }
        return configs.get(userName.trim(), EsprocFiles.UNIT_SERVER, actor).content();
    }

    private List<Unit> unitsOf(AppUser user) {
        return em.createNamedQuery(Unit.OF_OWNER, Unit.class).setParameter("owner", user.getName()).getResultList();
    }
}
