package dev.berth.units.control;

import dev.berth.users.entity.AppUser;
import java.util.Map;

/**
 * The configuration files a start of one of {@code owner}'s units sends to the agent, by file name. The configs
 * component, which keeps them, answers. An interface on purpose: the files are made from the user's units (one
 * {@code Host} per unit), so configs stands above units, and a start asks down through this.
 */
public interface StartFiles {

    Map<String, String> of(AppUser owner);
}
