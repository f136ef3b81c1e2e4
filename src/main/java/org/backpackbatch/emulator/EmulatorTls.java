package org.backpackbatch.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away TLS identity for the emulator's https side, made with the JDK's own keytool (the
 * JDK has no public API to create a certificate). Valid for the loopback names only.
 */
final class EmulatorTls {

    private final KeyStore keyStore;
    private final char[] password;

    private EmulatorTls(KeyStore keyStore, char[] password) {
        this.keyStore = keyStore;
        this.password = password;
    }

    static EmulatorTls create(String host) throws IOException {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        char[] password = HexFormat.of().formatHex(secret).toCharArray();
        Path dir = Files.createTempDirectory("backpack-emulator-tls");
        Path file = dir.resolve("emulator.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String san = "SAN=dns:localhost,ip:127.0.0.1" + (host.matches("[0-9.]+") && !host.equals("127.0.0.1") ? ",ip:" + host : "");
        ProcessBuilder keytoolRun = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "emulator", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + host, "-ext", san, "-validity", "30",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass:env", "EMULATOR_TLS_PASSWORD"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        keytoolRun.environment().put("EMULATOR_TLS_PASSWORD", new String(password));
        try {
            Process process = keytoolRun.start();
            process.getOutputStream().close();
            if (process.waitFor() != 0) {
                throw new IOException("keytool could not create the emulator's certificate");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, password);
            }
            return new EmulatorTls(store, password);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the emulator's certificate", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the emulator's certificate: " + e.getMessage(), e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** The server side: presents the certificate. */
    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client side that trusts this certificate and nothing else: for tests and the demo. */
    SSLContext clientContext() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
