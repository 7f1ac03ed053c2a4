package io.herald.api.input;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Values that break a field of a given type in every way a careless client or an attacker
 * would try: wrong types, NUL characters and unpaired surrogates, instants at the ends of
 * time, numbers past their range, nulls inside arrays, huge and empty values. Generated,
 * so a run covers combinations no hand-picked list does.
 */
final class HostileValues {

	private static final Object MISSING = new Object();

	private HostileValues() {
	}

	/** Any JSON value at all, the wrong type for most fields. */
	static Gen<Object> anyJson() {
		return Gen.oneOf(Gen.just(null), Gen.of(true, false), numbers(), text(), Gen.just(List.of()),
				Gen.just(Map.of()), Gen.just(Collections.singletonList(null)), Gen.just(List.of(List.of(List.of()))),
				Gen.just(Map.of("unknownField", 1)));
	}

	/** Strings that no text field should take as they are. */
	static Gen<String> text() {
		Gen<String> hostileChars = Gen.of("\u0000", "\ud800", "\udfff", "\ud83d", "\u202e", "\ufeff", "\uffff", "\r\n",
				"'", "\"", "\\", "%00", "%", "${jndi:ldap://x}", "<script>", "../", "😀", "\t", " ");
		Gen<String> mixed = (random) -> Gen.anyChars(20).next(random) + hostileChars.next(random)
				+ Gen.letters(5).next(random);
		return Gen.oneOf(mixed, hostileChars, Gen.anyChars(40),
				Gen.of("", " ", "null", "undefined", "NaN", "-1", "0", "true", "[]", "{}"),
				Gen.integers(1_000, 30_000).map("x"::repeat), Gen.integers(1_000, 5_000).map("\u0000"::repeat));
	}

	/**
	 * Date-times at and past the ends of the accepted range, or not date-times at all.
	 */
	static Gen<String> instants() {
		Gen<String> years = Gen.integers(-999_999_999, 999_999_999)
			.map((year) -> String.format("%s%04d-06-15T12:00:00Z", (year < 0) ? "-" : (year > 9999) ? "+" : "",
					Math.abs(year)));
		return Gen.oneOf(Gen.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "-5000-01-01T00:00:00Z",
				"0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z",
				"+10000-01-01T00:00:00Z", "2026-13-45T99:99", "tomorrow", "2030-01-01T10:00", "-999999999-01-01T00:00",
				"+999999999-12-31T23:59", "2030-02-30T10:00:00Z", "2030-01-01T10:00:00+25:00", "2030-01-01", "1e10",
				""), years, text());
	}

	/** Calendar dates, as the UI's filters take them. */
	static Gen<String> dates() {
		return instants().map((i) -> (i.indexOf('T') > 0) ? i.substring(0, i.indexOf('T')) : i);
	}

	static Gen<String> uuids() {
		return Gen.oneOf(
				Gen.of("00000000-0000-0000-0000-000000000000", "zzz", "1", "-1", "ffffffff-ffff-ffff-ffff-ffffffffffff",
						"00000000-0000-0000-0000-00000000000g", "%00", "..", ""),
				(random) -> new UUID(random.nextLong(), random.nextLong()).toString(), text());
	}

	static Gen<Object> numbers() {
		return Gen.of(-1, 0, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, 1e308,
				new BigInteger("99999999999999999999999999"));
	}

	/** Query or path parameter text: every hostile string, instant and id. */
	static Gen<String> parameter() {
		return Gen.oneOf(text(), instants(), uuids(), numbers().map(String::valueOf));
	}

	/** An array of elements, with nulls and wrong types mixed in, or a very long one. */
	static Gen<Object> arrayOf(Gen<Object> element) {
		Gen<Object> maybeNull = Gen.oneOf(element, Gen.just(null), anyJson());
		return Gen.oneOf(maybeNull.list(4).map((l) -> (Object) l),
				Gen.just(Collections.nCopies(600, null)).map((l) -> (Object) new ArrayList<>(l)));
	}

	/** An object with each field present (with a generated value) or left out. */
	static Gen<Map<String, Object>> object(Map<String, Gen<Object>> fields) {
		return (random) -> {
			Map<String, Object> object = new LinkedHashMap<>();
			fields.forEach((name, value) -> {
				Object generated = Gen.oneOf(value, Gen.just(MISSING)).next(random);
				if (generated != MISSING) {
					object.put(name, generated);
				}
			});
			return object;
		};
	}

}
