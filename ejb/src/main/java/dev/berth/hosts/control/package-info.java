/** What the hosts component offers the platform below it: the broker's agent logins. */
package dev.berth.hosts.control;
