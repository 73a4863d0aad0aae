/** Technical adapters: JPA repositories, migrations, configuration, schedulers, HTTP clients. */
package io.visiongrade.lms.infrastructure;
