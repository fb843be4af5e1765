package io.spinewatch.transport.mqtt;

import io.spinewatch.ingest.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds TLS contexts for the broker connection from PEM files. */
final class TlsContexts {
    private TlsContexts() {
    }

    /** A context that trusts exactly the certificate authorities in the PEM file {@code caFile}. */
    static SSLContext trusting(Path caFile) throws SourceException {
        try (InputStream in = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new SourceException("no certificate in the CA file " + caFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (NoSuchFileException e) {
            throw new SourceException("the CA file " + caFile + " does not exist");
        } catch (IOException | GeneralSecurityException e) {
            throw new SourceException("cannot read the CA file " + caFile + " as PEM certificates: " + e.getMessage(), e);
        }
    }
}
