package org.backpackbatch.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.backpackbatch.app.RunSummary.Outcome;
import org.backpackbatch.notify.NotifyTarget.Command;
import org.backpackbatch.notify.NotifyTarget.Ping;
import org.backpackbatch.notify.NotifyTarget.Webhook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The {@code notify:} field of a job file and {@code --notify-url}, as one definition reads them. */
class NotificationsTest {

    private static final Ping HEALTHCHECK = new Ping(URI.create("https://hc-ping.com/0f1e2d3c"));
    private static final Webhook HOOK = new Webhook(URI.create("https://hooks.example.com/backups"));

    @Test
    void theDocumentedExampleReadsAsWritten() {
        Notifications notifications = notifyField("""
                notify:
                  on-start:
                    - ping: https://hc-ping.com/0f1e2d3c
                  on-success:
                    - https://hooks.example.com/backups
                    - ping: https://hc-ping.com/0f1e2d3c
                  on-failure:
                    - https://hooks.example.com/backups
                    - ping: https://hc-ping.com/0f1e2d3c
                    - command: [/usr/local/bin/page-me, --team, ops]
                    - command: /usr/local/bin/page-me --team ops
                """);

        Command pageMe = new Command(List.of("/usr/local/bin/page-me", "--team", "ops"));
        assertThat(notifications).isEqualTo(new Notifications(List.of(HEALTHCHECK), List.of(HOOK, HEALTHCHECK),
                List.of(HOOK, HEALTHCHECK, pageMe, pageMe)));
        assertThat(notifications.targetsFor(Outcome.INTERRUPTED)).isEqualTo(notifications.onFailure());
    }

    @Test
    void aSingleTargetNeedsNoList() {
        assertThat(notifyField("notify: {on-failure: https://hooks.example.com/backups}"))
                .isEqualTo(new Notifications(List.of(), List.of(), List.of(HOOK)));
    }

    @Test
    void noNotifyFieldTellsNobody() {
        assertThat(Notifications.parse(null).isEmpty()).isTrue();
        assertThat(Notifications.webhooks(List.of()).isEmpty()).isTrue();
    }

    @Test
    void notifyUrlsHearEveryEndedRunButNotTheStart() {
        Notifications notifications = Notifications.webhooks(List.of("https://hooks.example.com/backups", "http://127.0.0.1:9/b"));

        Webhook local = new Webhook(URI.create("http://127.0.0.1:9/b"));
        assertThat(notifications.targetsFor(Outcome.STARTED)).isEmpty();
        assertThat(notifications.targetsFor(Outcome.SUCCEEDED)).containsExactly(HOOK, local);
        assertThat(notifications.targetsFor(Outcome.FAILED)).containsExactly(HOOK, local);
        assertThat(notifications.targetsFor(Outcome.INTERRUPTED)).containsExactly(HOOK, local);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            notify: https://x.example                                 | notify: must map on-start, on-success, on-failure to targets
            notify: {}                                                | notify: must map on-start, on-success, on-failure to targets
            notify: {on-error: [https://x.example]}                   | notify: unknown event 'on-error' (on-start, on-success, on-failure)
            notify: {on-failure: []}                                  | notify.on-failure: has no targets (an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS')
            notify: {on-start: }                                      | notify.on-start: has no targets (an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS')
            notify: {on-failure: [https://x.example, ftp://x.example]} | notify.on-failure[1]: 'ftp://x.example' is not an http:// or https:// URL
            notify: {on-success: [hooks.example.com/b]}               | notify.on-success[0]: 'hooks.example.com/b' is not an http:// or https:// URL
            notify: {on-success: ['http://exa mple.com']}             | notify.on-success[0]: 'http://exa mple.com' is not a valid URL: Illegal character in authority
            notify: {on-success: ['https:///no-host']}                | notify.on-success[0]: 'https:///no-host' has no host
            notify: {on-failure: [{ping: 5}]}                         | notify.on-failure[0].ping: must be an http(s) URL
            notify: {on-failure: [{ping: mailto:x@y.example}]}        | notify.on-failure[0].ping: 'mailto:x@y.example' is not an http:// or https:// URL
            notify: {on-failure: [{command: []}]}                     | notify.on-failure[0].command: names no program to run
            notify: {on-failure: [{command: '  '}]}                   | notify.on-failure[0].command: names no program to run
            notify: {on-failure: [{command: [a, {b: c}]}]}            | notify.on-failure[0].command: each argument must be a single value
            notify: {on-failure: [{email: x@y.example}]}              | notify.on-failure[0]: unknown target 'email' (an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS')
            notify: {on-failure: [{ping: https://a.example, command: b}]} | notify.on-failure[0]: must be an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS'
            notify: {on-failure: [[https://a.example]]}               | notify.on-failure[0]: must be an http(s) URL, 'ping: URL' or 'command: PROGRAM ARGS'
            """)
    void aWrongSettingIsOneLineNamingItsField(String yaml, String problem) {
        assertThatThrownBy(() -> notifyField(yaml)).isInstanceOf(InvalidNotifyException.class).hasMessage(problem);
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> notifyField("notify: {on-failure: [{ping: 'https://ops:hunter2secret@hc.example/p'}]}"))
                .hasMessage("notify.on-failure[0].ping: the URL carries a user name or password, which notifications never send;"
                        + " put a secret the receiver needs into the URL's path or query");
        assertThatThrownBy(() -> Notifications.webhooks(List.of("https://ops:hunter2secret@hooks.example/b")))
                .hasMessageStartingWith("--notify-url: the URL carries a user name or password")
                .hasMessageNotContaining("hunter2secret");
    }

    @Test
    void aWrongNotifyUrlNamesTheOption() {
        assertThatThrownBy(() -> Notifications.webhooks(List.of("hooks.example.com/b")))
                .isInstanceOf(InvalidNotifyException.class)
                .hasMessage("--notify-url: 'hooks.example.com/b' is not an http:// or https:// URL");
    }

    @Test
    void aPingGoesToStartSuccessOrFailUnderItsUrl() {
        Ping ping = new Ping(URI.create("https://hc.example/ping/abc/?rid=7"));

        assertThat(ping.urlFor(Outcome.STARTED)).hasToString("https://hc.example/ping/abc/start?rid=7");
        assertThat(ping.urlFor(Outcome.SUCCEEDED)).hasToString("https://hc.example/ping/abc?rid=7");
        assertThat(ping.urlFor(Outcome.FAILED)).hasToString("https://hc.example/ping/abc/fail?rid=7");
        assertThat(ping.urlFor(Outcome.INTERRUPTED)).hasToString("https://hc.example/ping/abc/fail?rid=7");
    }

    @Test
    void logsShowAUrlWithItsQueryValuesMasked() {
        assertThat(new Webhook(URI.create("https://hooks.example/b?key=s3cret&channel=ops&flag")).shown())
                .isEqualTo("webhook https://hooks.example/b?key=***&channel=***&***");
    }

    /** The {@code notify:} value of a job file, loaded as the scheduler loads job files. */
    private static Notifications notifyField(String yaml) {
        Map<?, ?> job = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return Notifications.parse(job.get("notify"));
    }
}
