/**
 * The domain model, one sub-package per aggregate: the entity, its value objects, its repository
 * interface and its exceptions.
 */
package io.visiongrade.lms.domain;
