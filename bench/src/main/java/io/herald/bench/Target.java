package io.herald.bench;

/**
 * A figure's target from issue 9, such as "at least 3,000 posts/s" or "at most 20 ms".
 *
 * @param atLeast whether the value must reach the threshold (else stay at or below it)
 * @param threshold the threshold, in the row's unit
 */
public record Target(boolean atLeast, double threshold) {

	public static Target atLeast(double threshold) {
		return new Target(true, threshold);
	}

	public static Target atMost(double threshold) {
		return new Target(false, threshold);
	}

	public boolean met(double value) {
		return this.atLeast ? value >= this.threshold : value <= this.threshold;
	}

	public String describe(String unit) {
		return (this.atLeast ? "≥ " : "≤ ") + Row.format(this.threshold) + ((unit.isEmpty()) ? "" : " " + unit);
	}

}
