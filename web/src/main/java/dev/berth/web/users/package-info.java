/** REST resources and JSON views for users and their API tokens. */
package dev.berth.web.users;
