package io.herald.drivers.support.outbound;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class AddressRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
			"172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.0.1", "169.254.169.254", "100.64.0.1",
			"100.100.100.200", "100.127.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
			"192.0.0.170", "192.0.2.1", "198.18.0.1", "198.51.100.7", "203.0.113.9" })
	void refuses_every_non_public_ipv4_address(String address) {
		assertThat(AddressRules.forbidden(AddressBlock.literal(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "::", "::1", "fe80::1", "febf:ffff::1", "fc00::1", "fd12:3456::1", "fd00:ec2::254",
			"ff02::1", "ff0e::1", "fec0::1", "2001:db8::1", "100::1" })
	void refuses_every_non_public_ipv6_address(String address) {
		assertThat(AddressRules.forbidden(AddressBlock.literal(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "::127.0.0.1",
			"::10.0.0.1", "::192.168.0.1", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "2002:7f00:1::",
			"2002:a9fe:a9fe::1", "2002:c0a8:101::" })
	void refuses_ipv6_forms_of_forbidden_ipv4_addresses(String address) {
		assertThat(AddressRules.forbidden(AddressBlock.literal(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1.1.1.1", "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
			"100.128.0.1", "169.253.255.255", "192.169.0.1", "223.255.255.255", "2606:4700:4700::1111",
			"2001:4860:4860::8888", "::ffff:1.1.1.1", "64:ff9b::808:808", "2002:808:808::1", "fbff::1", "fe7f::1" })
	void allows_public_addresses(String address) {
		assertThat(AddressRules.forbidden(AddressBlock.literal(address))).isFalse();
	}

}
