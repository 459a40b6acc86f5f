/**
 * Keeping units apart: every unit runs hostile code, so nothing it can write may reach the host, Berth or another
 * user. This component gives each user's units a network of their own and the host firewall rules around it, and
 * prepares homes and configuration files without ever following what a unit could have put there.
 */
package dev.berth.agent.isolation;
