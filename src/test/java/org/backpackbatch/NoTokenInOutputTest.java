package org.backpackbatch;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.backpackbatch.api.ApiToken;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The suite-wide leak check fails on a printed token, and logs mask tokens before they are written. */
class NoTokenInOutputTest {

    private static String freshToken() {
        String token = Long.toHexString(System.nanoTime()) + "0123456789abcdef0123456789";
        ApiToken.of(token);
        return token;
    }

    @Test
    void aPrintedTokenIsCaught() {
        String token = freshToken();
        OutputCapture capture = OutputCapture.start(false);
        System.err.println("request failed for " + token);
        assertThatThrownBy(() -> capture.stopAndCheck("a leaking test")).hasMessageContaining("a leaking test");
    }

    @Test
    void aLoggedTokenIsMaskedBeforeItIsWritten() {
        String token = freshToken();
        OutputCapture capture = OutputCapture.start(false);
        LoggerFactory.getLogger(NoTokenInOutputTest.class).warn("request failed for {}", token,
                new IllegalStateException("body was <token>" + token + "</token>"));
        assertThatCode(() -> capture.stopAndCheck("a logging test")).doesNotThrowAnyException();
    }
}
