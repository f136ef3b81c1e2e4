package org.backpackbatch;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs around every test of the suite (registered through the service file and
 * junit-platform.properties): whatever the test prints or logs is searched for every token the
 * process has loaded, and a token there fails the test.
 */
public final class NoTokenInOutput implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoTokenInOutput.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(OutputCapture.class, OutputCapture.start());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getStore(NAMESPACE).remove(OutputCapture.class, OutputCapture.class).stopAndCheck(context.getDisplayName());
    }
}
