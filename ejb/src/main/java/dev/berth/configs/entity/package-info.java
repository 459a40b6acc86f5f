/** An admin's edit of one configuration file of one user; a file without an edit is generated. */
package dev.berth.configs.entity;
