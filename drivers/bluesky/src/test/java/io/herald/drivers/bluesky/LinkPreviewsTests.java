package io.herald.drivers.bluesky;

import java.net.URI;

import com.sun.net.httpserver.HttpServer;
import io.herald.drivers.support.outbound.OutboundPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LinkPreviewsTests {

	@Test
	void falls_back_to_the_title_element_without_open_graph_tags() throws Exception {
		HttpServer page = TestPages.serve("<html><head><TITLE> Plain &lt;title&gt; </TITLE></head></html>");
		try {
			assertThat(LinkPreviews.openGraph(LocalOutbound.POLICY.client()).fetch(article(page)))
				.contains(new LinkPreviews.Preview("Plain <title>", ""));
		}
		finally {
			page.stop(0);
		}
	}

	@Test
	void gives_no_card_for_a_page_without_a_title() throws Exception {
		HttpServer page = TestPages.serve("<html><body>nothing</body></html>");
		try {
			assertThat(LinkPreviews.openGraph(LocalOutbound.POLICY.client()).fetch(article(page))).isEmpty();
		}
		finally {
			page.stop(0);
		}
	}

	@Test
	void never_fetches_pages_the_outbound_policy_refuses() throws Exception {
		HttpServer page = TestPages.serve("<html><head><title>Internal admin</title></head></html>");
		try {
			assertThat(LinkPreviews.openGraph(OutboundPolicy.strict().client()).fetch(article(page))).isEmpty();
			assertThat(LinkPreviews.openGraph(LocalOutbound.POLICY.client()).fetch(article(page))).isPresent();
		}
		finally {
			page.stop(0);
		}
	}

	private static URI article(HttpServer page) {
		return URI.create("http://127.0.0.1:" + page.getAddress().getPort() + "/article");
	}

}
