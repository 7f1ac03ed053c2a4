package io.herald.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.Assertions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One real headless Chromium per test JVM, started on first use and quit at JVM exit,
 * shared by every UI test class. Debian's chromium and chromedriver are used as they are:
 * Selenium Manager never downloads anything.
 */
final class Browser {

	static final Path CHROMIUM = Path.of(System.getProperty("herald.chromium", "/usr/bin/chromium"));

	static final Path CHROMEDRIVER = Path.of(System.getProperty("herald.chromedriver", "/usr/bin/chromedriver"));

	static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static WebDriver driver;

	private Browser() {
	}

	/**
	 * The shared browser; fails the calling test when Chromium is not installed, on a
	 * developer's machine as in CI: a UI test that skips proves nothing.
	 * @return the driver
	 */
	static synchronized WebDriver get() {
		if (driver == null) {
			requireInstalled();
			driver = start();
			Runtime.getRuntime().addShutdownHook(new Thread(Browser::quit, "chromium-quit"));
		}
		return driver;
	}

	static void requireInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed) {
			String message = "Chromium or chromedriver missing (" + CHROMIUM + ", " + CHROMEDRIVER
					+ "); install them with: apt-get install -y chromium chromium-driver";
			Assertions.fail(message);
		}
	}

	private static WebDriver start() {
		// Selenium Manager must not resolve or download a driver or browser.
		System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
		System.setProperty("SE_AVOID_STATS", "true");
		Path profile;
		try {
			profile = Files.createTempDirectory("herald-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return chrome;
	}

	/**
	 * Saves a screenshot of the current page as {@code target/screenshots/<name>.png}.
	 * @param name the file name without extension
	 */
	static void screenshot(String name) {
		WebDriver browser = get();
		Dimension size = browser.manage().window().getSize();
		Object height = ((org.openqa.selenium.JavascriptExecutor) browser)
			.executeScript("return document.documentElement.scrollHeight;");
		int full = Math.min(Math.max(((Number) height).intValue() + 120, size.getHeight()), 4000);
		browser.manage().window().setSize(new Dimension(size.getWidth(), full));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = ((TakesScreenshot) get()).getScreenshotAs(OutputType.FILE).toPath();
			Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			browser.manage().window().setSize(size);
		}
	}

	static void resize(int width, int height) {
		get().manage().window().setSize(new Dimension(width, height));
	}

	private static synchronized void quit() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

}
