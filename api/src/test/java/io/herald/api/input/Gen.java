package io.herald.api.input;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator of test values from a seeded {@link Random}: the same seed gives the same
 * values, so a failing run can be repeated exactly.
 *
 * @param <T> the values
 */
@FunctionalInterface
interface Gen<T> {

	T next(Random random);

	default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
		return (random) -> mapper.apply(next(random));
	}

	default Gen<List<T>> list(int maxSize) {
		return (random) -> {
			int size = random.nextInt(maxSize + 1);
			List<T> list = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				list.add(next(random));
			}
			return list;
		};
	}

	static <T> Gen<T> just(T value) {
		return (random) -> value;
	}

	@SafeVarargs
	static <T> Gen<T> of(T... values) {
		return of(Arrays.asList(values));
	}

	static <T> Gen<T> of(List<T> values) {
		List<T> copy = new ArrayList<>(values);
		return (random) -> copy.get(random.nextInt(copy.size()));
	}

	@SafeVarargs
	static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
		return oneOf(Arrays.asList(generators));
	}

	static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> generators) {
		List<Gen<? extends T>> copy = new ArrayList<>(generators);
		return (random) -> copy.get(random.nextInt(copy.size())).next(random);
	}

	/**
	 * {@code first} in {@code firstWeight} of {@code firstWeight + secondWeight} cases.
	 */
	static <T> Gen<T> weighted(int firstWeight, Gen<? extends T> first, int secondWeight, Gen<? extends T> second) {
		return (random) -> (random.nextInt(firstWeight + secondWeight) < firstWeight) ? first.next(random)
				: second.next(random);
	}

	static Gen<Integer> integers(int min, int max) {
		return (random) -> min + random.nextInt(max - min + 1);
	}

	/** Any UTF-16 code units, unpaired surrogates and control characters included. */
	static Gen<String> anyChars(int maxLength) {
		return (random) -> {
			char[] chars = new char[random.nextInt(maxLength + 1)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
			}
			return new String(chars);
		};
	}

	static Gen<String> letters(int maxLength) {
		return (random) -> {
			char[] chars = new char[random.nextInt(maxLength + 1)];
			for (int i = 0; i < chars.length; i++) {
				chars[i] = (char) ('a' + random.nextInt(26));
			}
			return new String(chars);
		};
	}

}
