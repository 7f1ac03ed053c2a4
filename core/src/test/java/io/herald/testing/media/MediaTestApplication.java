package io.herald.testing.media;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * Core's auto-configuration for media integration tests. It lives outside
 * {@code io.herald.core} on purpose: the auto-configuration package it adds must not
 * overlap Herald's own ({@code io.herald} covers every entity and repository), or Spring
 * Data would register each repository twice.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class MediaTestApplication {

}
