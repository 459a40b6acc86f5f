/** REST resource and JSON views for client sessions: login, keepalive, logout, the list, the rules. */
package dev.berth.web.sessions;
