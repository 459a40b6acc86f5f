package dev.berth.web.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrossSiteRequestsTest {

    @Test
    void letsEveryReadThrough() {
        assertFalse(refused("GET", "berth:8080", "https://evil.example", "cross-site"));
        assertFalse(refused("HEAD", "berth:8080", "https://evil.example", "cross-site"));
        assertFalse(refused("OPTIONS", "berth:8080", "https://evil.example", "cross-site"));
    }

    @Test
    void letsScriptsThrough() {
        assertFalse(refused("POST", "berth:8080", null, null));
        assertFalse(refused("DELETE", "127.0.0.1:8080", null, null));
    }

    @Test
    void letsBerthsOwnPagesThrough() {
        assertFalse(refused("POST", "127.0.0.1:8080", "http://127.0.0.1:8080", "same-origin"));
        assertFalse(refused("POST", "Berth.Example.org", "https://berth.example.org", null));
        assertFalse(refused("POST", "berth.example.org:443", "https://berth.example.org", null));
        assertFalse(refused("POST", "berth.example.org", "http://berth.example.org:80", null));
        assertFalse(refused("POST", "[::1]:8080", "http://[::1]:8080", null));
        // a proxy that ends TLS and keeps the Host header
        assertFalse(refused("POST", "berth.example.org", "https://berth.example.org", "same-origin"));
    }

    @Test
    void refusesChangesSentFromAnotherSite() {
        assertTrue(refused("POST", "127.0.0.1:8080", "http://evil.example", null));
        assertTrue(refused("POST", "127.0.0.1:8080", "http://127.0.0.1:8081", null));
        assertTrue(refused("PUT", "berth.example.org", "https://berth.example.org.evil.example", null));
        assertTrue(refused("DELETE", "berth.example.org", "http://berth.example.org:8443", null));
        assertTrue(refused("POST", "berth.example.org", "null", null));
        assertTrue(refused("POST", null, "http://berth.example.org", null));
        assertTrue(refused("POST", "berth.example.org", null, "cross-site"));
    }

    @Test
    void trustsTheOriginOverSecFetchSite() {
        // a browser that sends both: the origin decides; same-site (a sibling subdomain) is not the same origin
        assertTrue(refused("POST", "berth.example.org", "https://wiki.example.org", "same-site"));
        assertFalse(refused("POST", "berth.example.org", "https://berth.example.org", "same-origin"));
    }

    private static boolean refused(String method, String host, String origin, String secFetchSite) {
        return CrossSiteRequests.refusal(method, host, origin, secFetchSite).isPresent();
    }
}
