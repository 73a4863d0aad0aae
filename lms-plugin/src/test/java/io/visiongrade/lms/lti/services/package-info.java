/** Tests of the service clients' failure classification, paging and token caching. */
package io.visiongrade.lms.lti.services;
