/**
 * Driving a Berth from outside, as its users and operators do, written once for the system tests and the
 * benchmarks: {@link dev.berth.testsupport.BerthProcess} boots {@code ./berth run} with its own data directory,
 * ports and agent host and waits until it is ready; {@link dev.berth.testsupport.Api} is the REST API as a client
 * sees it (Basic or a token), {@link dev.berth.testsupport.ConsoleClient} the console's login form and session
 * over plain HTTP; {@link dev.berth.testsupport.FreePorts}, {@link dev.berth.testsupport.Poll} and
 * {@link dev.berth.testsupport.Dockers} are the small things both need around it.
 */
package dev.berth.testsupport;
