/** REST resource and JSON view for users. */
package dev.berth.web.users;
