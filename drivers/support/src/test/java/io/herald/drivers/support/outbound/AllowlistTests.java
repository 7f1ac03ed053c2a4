package io.herald.drivers.support.outbound;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AllowlistTests {

	@Test
	void trusts_host_names_in_any_case_and_with_a_trailing_dot() {
		Allowlist allowlist = Allowlist.of(List.of("PDS.example.lan"));

		assertThat(allowlist.trusts("pds.example.lan")).isTrue();
		assertThat(allowlist.trusts("pds.example.lan.")).isTrue();
		assertThat(allowlist.trusts("other.example.lan")).isFalse();
	}

	@Test
	void trusts_an_ipv6_literal_however_it_is_written() {
		Allowlist allowlist = Allowlist.of(List.of("[::1]"));

		assertThat(allowlist.trusts("0:0:0:0:0:0:0:1")).isTrue();
		assertThat(allowlist.trusts("::1")).isTrue();
		// Only URLs naming it: a name that resolves to it gains nothing.
		assertThat(allowlist.allows(AddressBlock.literal("::1"))).isFalse();
	}

	@Test
	void a_cidr_block_allows_addresses_but_trusts_no_host_with_plain_http() {
		Allowlist allowlist = Allowlist.of(List.of("10.1.2.0/24"));

		assertThat(allowlist.allows(AddressBlock.literal("10.1.2.200"))).isTrue();
		assertThat(allowlist.allows(AddressBlock.literal("10.1.3.1"))).isFalse();
		assertThat(allowlist.trusts("10.1.2.200")).isFalse();
	}

	@Test
	void refuses_malformed_blocks() {
		assertThatIllegalArgumentException().isThrownBy(() -> Allowlist.of(List.of("10.0.0.0/33")));
		assertThatIllegalArgumentException().isThrownBy(() -> Allowlist.of(List.of("example.com/8")));
	}

}
