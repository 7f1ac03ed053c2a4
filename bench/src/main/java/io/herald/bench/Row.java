package io.herald.bench;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One measured figure.
 *
 * @param scenario the scenario's id (1, 2a, 3b, ...)
 * @param figure what was measured
 * @param value the value; {@code NaN} when it could not be measured
 * @param unit the value's unit
 * @param baseline what the value is compared with (for ratios), or {@code null}
 * @param target the target from the issue, or {@code null}
 * @param ok {@code false} when the run itself went wrong (lost or duplicated
 * publications, errors): the value must not be trusted
 * @param notes how it was measured, in a few words
 * @param settings the settings the figure was measured with
 */
public record Row(String scenario, String figure, double value, String unit, String baseline, Target target, boolean ok,
		String notes, Map<String, Object> settings) {

	public Row {
		settings = (settings != null) ? new LinkedHashMap<>(settings) : Map.of();
	}

	public static Row of(String scenario, String figure, double value, String unit) {
		return new Row(scenario, figure, value, unit, null, null, true, "", null);
	}

	public Row target(Target target) {
		return new Row(this.scenario, this.figure, this.value, this.unit, this.baseline, target, this.ok, this.notes,
				this.settings);
	}

	public Row baseline(String baseline) {
		return new Row(this.scenario, this.figure, this.value, this.unit, baseline, this.target, this.ok, this.notes,
				this.settings);
	}

	public Row notes(String notes) {
		return new Row(this.scenario, this.figure, this.value, this.unit, this.baseline, this.target, this.ok, notes,
				this.settings);
	}

	public Row settings(Map<String, Object> settings) {
		return new Row(this.scenario, this.figure, this.value, this.unit, this.baseline, this.target, this.ok,
				this.notes, settings);
	}

	public Row failed(String why) {
		return new Row(this.scenario, this.figure, this.value, this.unit, this.baseline, this.target, false,
				this.notes.isEmpty() ? why : why + "; " + this.notes, this.settings);
	}

	/**
	 * Whether the target is met: {@code false} when the run went wrong, {@code null}
	 * without a target or without a value (not measured, such as an endpoint that does
	 * not exist).
	 */
	public Boolean met() {
		if (!this.ok) {
			return Boolean.FALSE;
		}
		if (this.target == null || Double.isNaN(this.value)) {
			return null;
		}
		return this.target.met(this.value);
	}

	public String metText() {
		if (!this.ok) {
			return "FAILED";
		}
		Boolean met = met();
		if (met == null) {
			return (this.target != null) ? "n/a" : "";
		}
		return met ? "yes" : "no";
	}

	public String targetText() {
		return (this.target != null) ? this.target.describe(this.unit) : "";
	}

	public String valueText() {
		return Double.isNaN(this.value) ? "n/a" : format(this.value);
	}

	static String format(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		double abs = Math.abs(value);
		if (abs >= 100 || value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (abs >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
