package io.herald.api.input;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Values that break a field of a given type in every way a careless client or an attacker
 * would try: wrong types, NUL characters and unpaired surrogates, instants at the ends of
 * time, numbers past their range, nulls inside arrays, huge and empty values. Generated,
 * so a run covers combinations no hand-picked list does.
 */
final class HostileValues {

	static final String MISSING = "\u0000missing";

	private HostileValues() {
	}

	/** Any JSON value at all, the wrong type for most fields. */
	static Arbitrary<Object> anyJson() {
		return Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.of(true, false), numbers(), text(),
				Arbitraries.just(List.of()), Arbitraries.just(Map.of()),
				Arbitraries.just(Collections.singletonList(null)), Arbitraries.just(List.of(List.of(List.of()))),
				Arbitraries.just(Map.of("unknownField", 1)));
	}

	/** Strings that no text field should take as they are. */
	static Arbitrary<String> text() {
		Arbitrary<String> hostileChars = Arbitraries.of("\u0000", "\ud800", "\udfff", "\ud83d", "\u202e", "\ufeff",
				"\uffff", "\r\n", "'", "\"", "\\", "%00", "%", "${jndi:ldap://x}", "<script>", "../", "😀", "\t", " ");
		Arbitrary<String> mixed = Combinators
			.combine(Arbitraries.strings().ofMaxLength(20), hostileChars, Arbitraries.strings().ofMaxLength(5))
			.as((a, b, c) -> a + b + c);
		return Arbitraries.oneOf(mixed, hostileChars, Arbitraries.strings().all().ofMaxLength(40),
				Arbitraries.of("", " ", "null", "undefined", "NaN", "-1", "0", "true", "[]", "{}"),
				Arbitraries.integers().between(1_000, 30_000).map("x"::repeat),
				Arbitraries.integers().between(1_000, 5_000).map("\u0000"::repeat));
	}

	/**
	 * Date-times at and past the ends of the accepted range, or not date-times at all.
	 */
	static Arbitrary<String> instants() {
		return Arbitraries.oneOf(
				Arbitraries.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z",
						"0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z",
						"9999-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z", "2026-13-45T99:99", "tomorrow",
						"2030-01-01T10:00", "-999999999-01-01T00:00", "2030-02-30T10:00:00Z",
						"2030-01-01T10:00:00+25:00", "2030-01-01", "1e10", ""),
				Arbitraries.integers()
					.between(-999_999_999, 999_999_999)
					.map((year) -> String.format("%s%04d-06-15T12:00:00Z", (year < 0) ? "-" : (year > 9999) ? "+" : "",
							Math.abs(year))),
				text());
	}

	/** Calendar dates, as the UI's filters take them. */
	static Arbitrary<String> dates() {
		return instants().map((i) -> (i.length() >= 10 && i.indexOf('T') > 0) ? i.substring(0, i.indexOf('T')) : i);
	}

	static Arbitrary<String> uuids() {
		return Arbitraries.oneOf(Arbitraries.of("00000000-0000-0000-0000-000000000000", "zzz", "1", "-1",
				"ffffffff-ffff-ffff-ffff-ffffffffffff", "00000000-0000-0000-0000-00000000000g", "%00", "..", ""),
				Arbitraries.create(java.util.UUID::randomUUID).map(String::valueOf), text());
	}

	static Arbitrary<Object> numbers() {
		return Arbitraries.of(-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0,
				1e308, new java.math.BigInteger("99999999999999999999999999"));
	}

	/** Query or path parameter text: every hostile string, instant and id. */
	static Arbitrary<String> parameter() {
		return Arbitraries.oneOf(text(), instants(), uuids(), numbers().map(String::valueOf));
	}

	/** An array of elements, with nulls and wrong types mixed in. */
	static Arbitrary<Object> arrayOf(Arbitrary<Object> element) {
		Arbitrary<Object> maybeNull = Arbitraries.oneOf(element, Arbitraries.just(null), anyJson());
		return Arbitraries.oneOf(maybeNull.list().ofMaxSize(4).map((l) -> (Object) new ArrayList<>(l)),
				Arbitraries.just(Collections.nCopies(600, null)).map((l) -> (Object) new ArrayList<>(l)));
	}

	static Arbitrary<Object> object(Map<String, Arbitrary<Object>> fields) {
		List<Arbitrary<Object>> values = new ArrayList<>();
		List<String> names = new ArrayList<>(fields.keySet());
		names.forEach((name) -> values.add(Arbitraries.oneOf(fields.get(name), Arbitraries.just(MISSING))));
		return Combinators.combine(values).as((generated) -> {
			Map<String, Object> object = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				if (generated.get(i) != MISSING) {
					object.put(names.get(i), generated.get(i));
				}
			}
			return (Object) object;
		});
	}

}
