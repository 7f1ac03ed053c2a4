package io.herald.api.input;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.herald.api.problems.ApiException;
import io.herald.api.problems.ProblemType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InputPolicyTests {

	private final JsonMapper json = JsonMapper.builder().addModule(new InputPolicyModule()).build();

	@Test
	void refuses_nul_characters_and_unpaired_surrogates_anywhere_in_a_text() {
		for (String bad : List.of("\u0000", "a\u0000", "\ud800", "a\ud800b", "\udc00", "x\ud83d", "\ude00\ud83d")) {
			assertThat(InputPolicy.textViolation(bad)).as(bad).isPresent();
		}
		for (String good : List.of("", "plain", "\ud83d\ude00", "a\ud83d\ude00b", "Grüße", "\u202e", "\ufeff")) {
			assertThat(InputPolicy.textViolation(good)).as(good).isEmpty();
		}
	}

	@Test
	void accepts_instants_from_1970_to_the_end_of_9999_and_nothing_outside() {
		assertThat(InputPolicy.instantViolation(Instant.EPOCH)).isEmpty();
		assertThat(InputPolicy.instantViolation(Instant.parse("9999-12-31T23:59:59.999999Z"))).isEmpty();
		assertThat(InputPolicy.instantViolation(Instant.EPOCH.minusNanos(1))).isPresent();
		assertThat(InputPolicy.instantViolation(Instant.parse("+10000-01-01T00:00:00Z"))).isPresent();
		assertThat(InputPolicy.instantViolation(Instant.MIN)).isPresent();
		assertThat(InputPolicy.instantViolation(Instant.MAX)).isPresent();
		assertThat(InputPolicy.dateViolation(LocalDate.of(1970, 1, 1))).isEmpty();
		assertThat(InputPolicy.dateViolation(LocalDate.of(9999, 12, 31))).isEmpty();
		assertThat(InputPolicy.dateViolation(LocalDate.of(1969, 12, 31))).isPresent();
		assertThat(InputPolicy.dateViolation(LocalDate.MAX)).isPresent();
	}

	@Test
	void a_breach_is_an_invalid_field_problem_naming_the_field() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> InputPolicy.text("name", "a\u0000"))
			.satisfies((ex) -> {
				assertThat(ex.type()).isEqualTo(ProblemType.INVALID_FIELD);
				assertThat(ex.properties()).containsEntry("field", "name");
				assertThat(ex.getMessage()).startsWith("'name' must not contain a NUL character");
			});
	}

	@Test
	void the_json_reader_refuses_a_breach_with_the_path_of_the_field() {
		assertThatExceptionOfType(InputRejectedException.class)
			.isThrownBy(
					() -> this.json.readValue("{\"items\":[{\"text\":\"ok\"},{\"text\":\"\\u0000\"}]}", Outer.class))
			.satisfies((ex) -> assertThat(ex.getPath()).extracting(
					(ref) -> String.valueOf((ref.getPropertyName() != null) ? ref.getPropertyName() : ref.getIndex()))
				.containsExactly("items", "1", "text"));
		assertThatExceptionOfType(InputRejectedException.class)
			.isThrownBy(() -> this.json.readValue("{\"at\":\"-5000-01-01T00:00:00Z\"}", Outer.class));
		assertThatExceptionOfType(InputRejectedException.class)
			.isThrownBy(() -> this.json.readValue("{\"tags\":[\"\\ud800\"]}", Outer.class));
		Outer fine = this.json.readValue("{\"items\":[{\"text\":\"\\ud83d\\ude00\"}],\"at\":\"2030-01-01T00:00:00Z\"}",
				Outer.class);
		assertThat(fine.items().get(0).text()).isEqualTo("\ud83d\ude00");
		assertThat(fine.at()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
	}

	record Inner(String text) {
	}

	record Outer(List<Inner> items, List<String> tags, Instant at) {
	}

}
