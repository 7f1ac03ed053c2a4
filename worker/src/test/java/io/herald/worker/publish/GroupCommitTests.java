package io.herald.worker.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.herald.worker.support.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class GroupCommitTests {

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void a_single_caller_is_written_at_once_and_gets_its_own_result() {
		List<List<Integer>> writes = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, String> commit = new GroupCommit<>(10, (items) -> {
			writes.add(items);
			return items.stream().map((item) -> "r" + item).toList();
		});
		assertThat(commit.submit(7)).isEqualTo("r7");
		assertThat(writes).containsExactly(List.of(7));
	}

	@Test
	void callers_arriving_during_a_write_share_the_next_one() throws Exception {
		CountDownLatch firstWriteStarted = new CountDownLatch(1);
		CountDownLatch othersQueued = new CountDownLatch(1);
		List<List<Integer>> writes = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, Integer> commit = new GroupCommit<>(100, (items) -> {
			writes.add(items);
			if (writes.size() == 1) {
				firstWriteStarted.countDown();
				await(othersQueued);
			}
			return items.stream().map((item) -> item * 10).toList();
		});
		Future<Integer> first = this.threads.submit(() -> commit.submit(0));
		assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
		List<Future<Integer>> others = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			int item = i;
			others.add(this.threads.submit(() -> commit.submit(item)));
		}
		Poll.until(Duration.ofSeconds(10), "five callers queued", () -> commit.queued() == 5);
		othersQueued.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
		for (int i = 0; i < others.size(); i++) {
			assertThat(others.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((i + 1) * 10);
		}
		assertThat(writes).hasSize(2);
		assertThat(writes.get(1)).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
	}

	@Test
	void a_failed_write_fails_its_callers_and_the_next_write_goes_on() {
		List<List<Integer>> writes = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, Integer> commit = new GroupCommit<>(10, (items) -> {
			writes.add(items);
			if (items.contains(13)) {
				throw new IllegalStateException("database gone");
			}
			return items;
		});
		assertThatIllegalStateException().isThrownBy(() -> commit.submit(13)).withMessage("database gone");
		assertThat(commit.submit(14)).isEqualTo(14);
		assertThat(writes).containsExactly(List.of(13), List.of(14));
	}

	@Test
	void batches_never_exceed_the_maximum() throws Exception {
		List<List<Integer>> writes = new CopyOnWriteArrayList<>();
		GroupCommit<Integer, Integer> commit = new GroupCommit<>(3, (items) -> {
			writes.add(items);
			return items;
		});
		List<Future<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			int item = i;
			results.add(this.threads.submit(() -> commit.submit(item)));
		}
		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
		}
		assertThat(writes).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
		assertThat(writes.stream().mapToInt(List::size).sum()).isEqualTo(200);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
