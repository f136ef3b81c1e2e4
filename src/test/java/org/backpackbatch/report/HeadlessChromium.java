package org.backpackbatch.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Debian's Chromium run headless on a page: what it looked like (a screenshot), what it became (the
 * DOM after loading) and every network request it made. Missing Chromium is installed when the tests
 * run as root (as on CI, whose {@code .ci/run} installs it first), else the test fails saying what to
 * install: a rendering test never skips.
 */
final class HeadlessChromium {

    /** Where Debian's {@code chromium} package (and Ubuntu's older one) put the browser. */
    static final List<Path> PROGRAMS = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    static final String INSTALL = "apt-get install -y --no-install-recommends chromium";
    /**
     * Chromium's own services, which it calls on start whatever the flags (sign-in, component updates,
     * network time): sent past the proxy to a name lookup that fails, so that they leave no trace in it
     * and never leave the machine. A page of ours has no business with them.
     */
    static final List<String> CHROMIUM_OWN_SERVICES = List.of("accounts.google.com", "update.googleapis.com", "clients2.google.com");
    /** The page's address; the proxy answers it, so the name is never looked up. */
    static final String PAGE_URL = "http://report.invalid/report.html";
    private static final long LAUNCH_TIMEOUT_SECONDS = 120;

    /** What one load of the page gave. */
    record Rendering(BufferedImage screenshot, String dom, List<String> requests) {
    }

    private final Path program;

    private HeadlessChromium(Path program) {
        this.program = program;
    }

    /** The installed Chromium, installed first when missing and this process may (root). */
    static HeadlessChromium installed() {
        Optional<Path> found = find(PROGRAMS);
        if (found.isEmpty() && isRoot()) {
            install();
            found = find(PROGRAMS);
        }
        return new HeadlessChromium(found.orElseThrow(() -> new IllegalStateException(missing("Run as root, or install it: "))));
    }

    static Optional<Path> find(List<Path> candidates) {
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    static String missing(String what) {
        return "Chromium was not found at " + PROGRAMS + "; the report tests render the page in it. " + what + "`" + INSTALL
                + "` (Debian 12; .ci/run does this when it is missing).";
    }

    /**
     * Loads {@code html} from {@link #PAGE_URL} through a {@link RecordingProxy}, in a window of
     * {@code width} x {@code height}, with a fresh profile in {@code workspace}. Every request
     * Chromium makes goes to that proxy, loopback too ({@code <-loopback>}), but those to
     * {@link #CHROMIUM_OWN_SERVICES}; and name lookups are refused, so that nothing reaches past this
     * machine and every request the page made, to any address, is recorded.
     */
    Rendering render(String html, int width, int height, Path workspace) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workspace, "chromium-profile");
        Path screenshot = workspace.resolve("screenshot-" + width + "x" + height + ".png");
        try (RecordingProxy proxy = new RecordingProxy(PAGE_URL, html.getBytes(StandardCharsets.UTF_8))) {
            List<String> command = List.of(program.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--force-color-profile=srgb",
                    "--proxy-server=" + proxy.address(), "--proxy-bypass-list=<-loopback>;" + String.join(";", CHROMIUM_OWN_SERVICES),
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--enable-logging=stderr", "--v=0",
                    "--screenshot=" + screenshot, "--dump-dom", PAGE_URL);
            Process chromium = new ProcessBuilder(command).start();
            chromium.getOutputStream().close();
            CompletableFuture<String> dom = readAll(chromium.getInputStream());
            CompletableFuture<String> log = readAll(chromium.getErrorStream());
            if (!chromium.waitFor(LAUNCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                // the wrapper script's browser and its helpers first: they hold the output streams open
                chromium.descendants().forEach(ProcessHandle::destroyForcibly);
                chromium.destroyForcibly().waitFor();
                throw new IllegalStateException("Chromium did not finish within " + LAUNCH_TIMEOUT_SECONDS + " s:\n" + log.join());
            }
            if (chromium.exitValue() != 0 || !Files.isRegularFile(screenshot)) {
                throw new IllegalStateException("Chromium exited with " + chromium.exitValue() + " and " + (Files.isRegularFile(screenshot)
                        ? "a screenshot" : "no screenshot") + ":\n" + log.join());
            }
            return new Rendering(ImageIO.read(screenshot.toFile()), dom.join(), proxy.requests());
        }
    }

    private static CompletableFuture<String> readAll(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static boolean isRoot() {
        try {
            return "0".equals(run(List.of("id", "-u")).strip());
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Debian's package, the package lists refreshed first when they do not know it (a fresh machine). */
    private static void install() {
        List<String> install = List.of("apt-get", "install", "-y", "-q", "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300", "chromium");
        try {
            run(install);
        } catch (IllegalStateException notKnownYet) {
            try {
                run(List.of("apt-get", "update", "-q"));
                run(install);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(missing("Installing it failed; install it yourself: ") + "\n" + e.getMessage(), e);
            }
        }
    }

    /** Runs a command to its end; its output, or an exception holding it when the command failed. */
    private static String run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = builder.start();
            process.getOutputStream().close();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            int exit = process.waitFor();
            String text = output.toString(StandardCharsets.UTF_8);
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }
}
