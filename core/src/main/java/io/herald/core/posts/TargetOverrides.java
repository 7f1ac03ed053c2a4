package io.herald.core.posts;

/**
 * The one rule for what a target publishes where it may differ from its post (text,
 * media, thread parts): its own value when it has one, the post's when it has none. An
 * empty list is a value: a target with {@code parts: []} publishes no thread even when
 * the post has one. Validation and publishing both resolve overrides here.
 */
public final class TargetOverrides {

	private TargetOverrides() {
	}

	/**
	 * What the target uses.
	 * @param <T> the kind of value (a list, its stored JSON, a text)
	 * @param targetValue the target's own value, {@code null} when it has none
	 * @param postValue the post's value
	 * @return the target's value when set, else the post's
	 */
	public static <T> T resolve(T targetValue, T postValue) {
		return (targetValue != null) ? targetValue : postValue;
	}

}
