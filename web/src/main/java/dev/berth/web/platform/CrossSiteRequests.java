package dev.berth.web.platform;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which requests a browser sent on behalf of another site, and are refused for it: every request that may change
 * something (any method but GET, HEAD and OPTIONS) whose {@code Origin} is not Berth's own address, or, without an
 * {@code Origin}, that the browser marks {@code Sec-Fetch-Site: cross-site}. A page of another site can make a
 * browser send a form to Berth with the browser's cookies or cached Basic credentials; every browser in use names
 * the sending site in one of the two headers, so such a request is refused before anything reads it (the console's
 * forms, the login form, and the API alike). Scripts and the command line send neither header and are not affected.
 * <p>
 * "Berth's own address" is the {@code Host} the request was sent to, compared with the origin's host and port (a
 * missing port being the origin's scheme's default): so it holds behind a proxy that keeps the {@code Host} header,
 * also one that ends TLS.
 */
public final class CrossSiteRequests {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private CrossSiteRequests() {
    }

    /**
     * Why the request is refused as cross-site, if it is.
     *
     * @param method        the HTTP method
     * @param host          the {@code Host} header (null: none)
     * @param origin        the {@code Origin} header (null: none)
     * @param secFetchSite  the {@code Sec-Fetch-Site} header (null: none)
     */
    public static Optional<String> refusal(String method, String host, String origin, String secFetchSite) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        if (origin != null) {
            return sameOrigin(origin, host) ? Optional.empty() : Optional.of("a " + method + " sent from the page"
                    + " of another site (Origin " + origin + ") is refused: use Berth's own pages, or call the API"
                    + " from a script");
        }
        if (secFetchSite != null && secFetchSite.trim().equalsIgnoreCase("cross-site")) {
            return Optional.of("a " + method + " sent from the page of another site (Sec-Fetch-Site: cross-site) is"
                    + " refused: use Berth's own pages, or call the API from a script");
        }
        return Optional.empty();
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        URI from;
        URI to;
        try {
            from = new URI(origin.trim());
            if (from.getScheme() == null || from.getHost() == null) {
                return false;
            }
            to = new URI(from.getScheme() + "://" + host.trim());
        } catch (URISyntaxException notAnAddress) {
            return false; // "null" (a sandboxed page, a redirect across sites) or garbage
        }
        return to.getHost() != null && from.getHost().equalsIgnoreCase(to.getHost()) && port(from) == port(to);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
