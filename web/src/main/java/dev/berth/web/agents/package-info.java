/** REST resource for what the conversation with agents left behind: the dead-letter queue. */
package dev.berth.web.agents;
