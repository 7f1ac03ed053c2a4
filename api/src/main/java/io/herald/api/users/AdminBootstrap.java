package io.herald.api.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.herald.core.users.AppUser;
import io.herald.core.users.AppUserRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates the first admin and workspace on first start: from {@code HERALD_ADMIN_EMAIL}
 * and {@code HERALD_ADMIN_PASSWORD}, or with a generated password printed once.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final AppUserRepository users;

	private final UserService userService;

	private final TransactionTemplate transactions;

	private final String email;

	private final String password;

	AdminBootstrap(AppUserRepository users, UserService userService, TransactionTemplate transactions,
			@Value("${herald.admin.email}") String email, @Value("${herald.admin.password:}") String password) {
		this.users = users;
		this.userService = userService;
		this.transactions = transactions;
		this.email = email;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			return;
		}
		boolean generated = this.password == null || this.password.isBlank();
		String secret = generated ? this.userService.generatePassword() : this.password;
		try {
			this.transactions.executeWithoutResult((status) -> {
				AppUser admin = this.userService.createUser(this.email, secret);
				this.userService.createWorkspace(admin.getId(), "Default workspace", "UTC");
			});
		}
		catch (DataIntegrityViolationException ex) {
			// Another node created the admin at the same moment.
			return;
		}
		if (generated) {
			// Printed once, on purpose: the only way to learn a generated first password.
			System.out.println("""

					================================================================
					 Herald admin created
					   email:    %s
					   password: %s
					 This password is shown only now. Set HERALD_ADMIN_PASSWORD to choose it.
					================================================================
					""".formatted(this.email, secret));
		}
		else {
			log.info("Herald admin {} created from HERALD_ADMIN_EMAIL/HERALD_ADMIN_PASSWORD", this.email);
		}
	}

}
