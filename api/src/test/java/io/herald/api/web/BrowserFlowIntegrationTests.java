package io.herald.api.web;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.herald.api.support.ApiIntegrationTest;
import io.herald.api.support.Fixtures.Tenant;
import io.herald.api.users.UserService;
import io.herald.core.users.AppUser;
import io.herald.core.workspaces.Workspace;
import io.herald.drivers.sandbox.SandboxBackend;
import io.herald.drivers.sandbox.SandboxFault;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A marketer's day in real headless Chromium: sign in, connect accounts, compose for two
 * accounts with a variant, schedule in Europe/Berlin, find the post in the list and the
 * calendar; and, with the publishing engine, watch it publish, fail and retry.
 */
class BrowserFlowIntegrationTests extends ApiIntegrationTest {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@Autowired
	private SandboxBackend sandbox;

	@Autowired
	private UserService users;

	private WebDriver browser;

	private WebDriverWait wait;

	private String base;

	@BeforeEach
	void browser() {
		this.browser = Browser.get();
		this.browser.manage().deleteAllCookies();
		Browser.resize(1280, 900);
		this.wait = new WebDriverWait(this.browser, WAIT);
		this.base = "http://localhost:" + this.port;
	}

	@Test
	void a_marketer_connects_accounts_composes_for_two_with_a_variant_and_schedules_it_in_berlin() throws Exception {
		Tenant tenant = marketer();
		open("/login");
		Browser.screenshot("01-login");
		signIn(tenant);
		this.wait.until(ExpectedConditions.urlContains("/posts"));
		assertThat(text("main")).contains("No posts yet");
		Browser.screenshot("02-posts-empty");

		open("/accounts");
		assertThat(text("main")).contains("No accounts yet");
		connectSandbox("acme");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert.notice"),
				"Connected acme on sandbox."));
		connectSandbox("acme-news");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert.notice"),
				"Connected acme-news on sandbox."));
		assertThat(this.browser.findElements(By.cssSelector("li.account"))).hasSize(2);
		Browser.screenshot("03-accounts");

		open("/compose");
		this.browser.findElement(By.id("text")).sendKeys("Spring sale starts now! #sale https://example.com/sale");
		check("acme");
		check("acme-news");
		this.wait.until((d) -> d.findElements(By.cssSelector("#checks .preview")).size() == 2);
		tailor("acme-news", "News: the spring sale is on.");
		attachImage();
		this.browser.findElement(By.id("add-part")).click();
		WebElement part = this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#parts textarea")));
		part.sendKeys("Everything 20% off until Sunday.");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("checks"), "News: the spring sale"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("checks"), "Part 2: 32 / 500"));
		assertThat(text("#checks")).contains("54 / 500").contains("Fits every selected network");

		ZoneId berlin = ZoneId.of("Europe/Berlin");
		LocalDateTime inAMinute = LocalDateTime.now(berlin).plusMinutes(2).truncatedTo(ChronoUnit.MINUTES);
		setValue(By.id("when"), inAMinute.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
		new Select(this.browser.findElement(By.id("zone"))).selectByValue("Europe/Berlin");
		assertThat(text("#zone-shown")).contains("Europe/Berlin");
		Browser.screenshot("04-compose");
		this.browser.findElement(By.id("schedule")).click();

		this.wait.until(ExpectedConditions.urlMatches("/posts/[0-9a-f-]{36}$"));
		assertThat(text(".alert.notice")).contains("Scheduled.");
		String detail = text("main");
		assertThat(detail).contains("Spring sale starts now!")
			.contains("Everything 20% off until Sunday.")
			.contains("News: the spring sale is on.")
			.contains(inAMinute.format(DateTimeFormatter.ofPattern("HH:mm")))
			.contains("Europe/Berlin");
		assertThat(this.browser.findElements(By.cssSelector("li.target[data-status=SCHEDULED]"))).hasSize(2);
		assertThat(text(".post-media")).contains("A purple banner announcing the spring sale");
		Browser.screenshot("05-post-scheduled");

		open("/posts");
		assertThat(text(".post-list")).contains("Spring sale starts now!").contains("acme-news");
		Browser.screenshot("06-posts");
		new Select(this.browser.findElement(By.id("f-status"))).selectByValue("FAILED");
		this.browser.findElement(By.cssSelector(".filters button[type=submit]")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
				"No posts match these filters."));

		open("/calendar?date=" + inAMinute.toLocalDate());
		List<WebElement> entries = this.browser
			.findElements(By.cssSelector("td[data-date='" + inAMinute.toLocalDate() + "'] a.entry"));
		assertThat(entries).hasSize(2);
		assertThat(entries.get(0).getText()).startsWith(inAMinute.format(DateTimeFormatter.ofPattern("HH:mm")));
		Browser.screenshot("07-calendar");

		open("/media-library");
		assertThat(text("main")).contains("Media library");
		assertThat(text(".media-table")).contains("A purple banner announcing the spring sale");
		WebElement thumbnail = this.browser.findElement(By.cssSelector(".media-table img.thumb"));
		this.wait.until((d) -> (Boolean) ((JavascriptExecutor) d)
			.executeScript("return arguments[0].complete && arguments[0].naturalWidth === 64;", thumbnail));
		Browser.screenshot("08-media-library");

		Browser.resize(390, 844);
		open("/compose");
		Browser.screenshot("09-compose-phone");
		Browser.resize(1280, 900);

		this.browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
		this.wait.until(ExpectedConditions.urlContains("/login?logout"));
		assertThat(text("main")).contains("You are signed out.");
	}

	@Test
	void a_post_published_now_shows_published_with_its_link() {
		Tenant tenant = marketer();
		open("/login");
		signIn(tenant);
		open("/accounts");
		connectSandbox("launch");

		publishNow("We are live!");
		published();
		assertThat(text("#post-status")).contains("Published");
		Browser.screenshot("10-post-published");
	}

	@Test
	void a_failed_post_shows_the_networks_error_and_retry_publishes_it() {
		Tenant tenant = marketer();
		open("/login");
		signIn(tenant);
		open("/accounts");
		connectSandbox("launch");

		this.sandbox.failNextCall(SandboxFault.INVALID_CONTENT,
				"The sandbox refused this post (injected by the UI test).", null);
		publishNow("This one fails first.");
		this.wait.withTimeout(Duration.ofSeconds(60))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.target[data-status=FAILED]")));
		assertThat(text("#post-status")).contains("injected by the UI test");
		Browser.screenshot("11-post-failed");
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("retry"))).click();
		published();
		Browser.screenshot("12-post-retried");
	}

	private void published() {
		this.wait.withTimeout(Duration.ofSeconds(60))
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("li.target[data-status=PUBLISHED]")));
		WebElement link = this.browser.findElement(By.cssSelector("li.target a.remote"));
		assertThat(link.getAttribute("href")).startsWith("https://sandbox.invalid/launch/posts/");
	}

	private void attachImage() throws Exception {
		Path image = Files.createTempFile("herald-ui-", ".png");
		BufferedImage pixels = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = pixels.createGraphics();
		g.setColor(new Color(79, 70, 229));
		g.fillRect(0, 0, 64, 48);
		g.dispose();
		ImageIO.write(pixels, "png", image.toFile());
		this.browser.findElement(By.id("file-input")).sendKeys(image.toAbsolutePath().toString());
		WebElement alt = this.wait
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".media-item[data-asset] .alt-input")));
		alt.sendKeys("A purple banner announcing the spring sale");
	}

	/** A marketer in a workspace with a readable name, for the screenshots. */
	private Tenant marketer() {
		String email = "maria." + UUID.randomUUID().toString().substring(0, 6) + "@acme.example";
		String password = "password-" + UUID.randomUUID();
		AppUser user = this.users.createUser(email, password);
		Workspace workspace = this.users.createWorkspace(user.getId(), "Acme Marketing", "Europe/Berlin");
		return new Tenant(workspace.getId(), user.getId(), email, password, null);
	}

	private void publishNow(String text) {
		open("/compose");
		this.browser.findElement(By.id("text")).sendKeys(text);
		check("launch");
		this.browser.findElement(By.id("publish-now")).click();
		this.wait.until(ExpectedConditions.urlMatches("/posts/[0-9a-f-]{36}$"));
	}

	private void signIn(Tenant tenant) {
		this.browser.findElement(By.id("username")).sendKeys(tenant.email());
		this.browser.findElement(By.id("password")).sendKeys(tenant.password());
		this.browser.findElement(By.cssSelector("#login-form button[type=submit]")).click();
	}

	private void connectSandbox(String handle) {
		WebElement field = this.browser.findElement(By.id("sandbox-handle"));
		field.clear();
		field.sendKeys(handle);
		this.browser.findElement(By.cssSelector("#connect-sandbox button[type=submit]")).click();
	}

	private void check(String handle) {
		this.browser
			.findElement(
					By.xpath("//div[@class='acct'][.//label/strong[text()='" + handle + "']]/input[@type='checkbox']"))
			.click();
	}

	private void tailor(String handle, String text) {
		WebElement account = this.browser
			.findElement(By.xpath("//div[@class='acct'][.//label/strong[text()='" + handle + "']]"));
		account.findElement(By.tagName("summary")).click();
		WebElement variant = this.wait
			.until(ExpectedConditions.elementToBeClickable(account.findElement(By.tagName("textarea"))));
		variant.sendKeys(text);
	}

	private void setValue(By locator, String value) {
		WebElement input = this.browser.findElement(locator);
		((JavascriptExecutor) this.browser).executeScript("arguments[0].value = arguments[1];"
				+ " arguments[0].dispatchEvent(new Event('change', { bubbles: true }));", input, value);
	}

	private void open(String path) {
		this.browser.get(this.base + path);
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

}
