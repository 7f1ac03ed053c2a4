package io.herald.bench;

/**
 * One scenario of issue 9: adds its rows to the context's results as it measures.
 */
interface Scenario {

	String id();

	String title();

	void run(Context context) throws Exception;

}
