/** Reading, editing and reverting a user's configuration files; the files a start sends. */
package dev.berth.configs.boundary;
