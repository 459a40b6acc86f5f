/** Helpers of the hosts component that hold no use case: remembering verified agent logins. */
package dev.berth.hosts.control;
