/**
 * The console's backing beans: what the Faces pages under {@code /console} show and do. Like the REST resources,
 * they hold no rules of their own: they call the same boundaries of the ejb module, as the logged-in caller, and
 * turn a {@code BerthException} into a message at the field or at the top of the page. The pages themselves are in
 * {@code src/main/webapp}: {@code login.xhtml}, {@code console/} (every user) and {@code console/admin/} (admins
 * only, by the security constraints of {@code web.xml}), all on the template {@code WEB-INF/templates/console.xhtml}.
 */
package dev.berth.web.console;
