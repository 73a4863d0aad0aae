/**
 * Black-box integration tests: the WAR that Maven built, deployed by Arquillian into the
 * provisioned WildFly, exercised over HTTP.
 */
package io.visiongrade.web.it;
