package io.herald.core.jpa;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;

/**
 * Makes every Herald package (core, worker, api, drivers) a source of JPA entities and
 * Spring Data repositories, whichever application class starts the context.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@AutoConfigurationPackage(basePackages = "io.herald")
public class JpaConfiguration {

}
