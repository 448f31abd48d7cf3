package dev.airlock.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificate authority of one Airlock run. Every instance generates its own EC P-256 key pair in
 * memory; there is no way to load, export or serialize the key, so a CA cannot outlive or be shared
 * between runs, and a bundle leaked from one run is worthless for the next. ECDSA rather than RSA
 * because key generation and signing are an order of magnitude cheaper, and every client that
 * matters (the AWS CLI's OpenSSL, the Java SDK's JSSE, curl) accepts it.
 *
 * <p>Certificates follow what OpenSSL's {@code X509_V_FLAG_X509_STRICT} demands (Python 3.13 turns it
 * on by default): key identifiers, critical basicConstraints and keyUsage on the CA, a positive serial.
 */
public final class RunAuthority {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,52}");
    private static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String runId;
    private final Clock clock;
    private final SecureRandom random;
    private final PrivateKey caKey;
    private final X500Name caName;
    private final X509Certificate certificate;
    private final Validity validity;
    private final JcaX509ExtensionUtils extensions;

    private RunAuthority(String runId, Duration lifetime, Clock clock) throws GeneralSecurityException {
        this.runId = runId;
        this.clock = clock;
        this.random = new SecureRandom();
        this.extensions = new JcaX509ExtensionUtils();
        KeyPair caKeys = newEcKeyPair(random);
        this.caKey = caKeys.getPrivate();
        this.caName = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Airlock")
                .addRDN(BCStyle.CN, "Airlock run " + runId)
                .build();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        this.validity = new Validity(now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(lifetime));
        this.certificate = selfSign(caKeys.getPublic());
    }

    /**
     * A fresh authority for the run {@code runId}, valid from an hour ago (clients with a slightly slow
     * clock must still accept it) until {@code lifetime} from now.
     *
     * @param runId letters, digits, '.', '_' or '-', at most 52 of them (it goes into the CA's
     *     common name, which X.509 caps at 64 characters, and into the bundle's file name)
     */
    public static RunAuthority create(String runId, Duration lifetime) {
        return create(runId, lifetime, Clock.systemUTC());
    }

    static RunAuthority create(String runId, Duration lifetime, Clock clock) {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(lifetime, "lifetime");
        Objects.requireNonNull(clock, "clock");
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must match " + RUN_ID.pattern() + ": " + runId);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        try {
            return new RunAuthority(runId, lifetime, clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot create an EC P-256 certificate authority", e);
        }
    }

    public String runId() {
        return runId;
    }

    /** The self-signed CA certificate; the only thing of this authority that ever leaves the process. */
    public X509Certificate certificate() {
        return certificate;
    }

    public Validity validity() {
        return validity;
    }

    /** The CA certificate as PEM, exactly the bytes {@link #writeCaBundle} writes. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /**
     * Writes the CA certificate (never a key) as PEM to {@code airlock-ca-<runId>.pem} in
     * {@code directory}. The file is created with mode 0600 from the start and renamed into place, so
     * the child never sees a partial file and no other user can read it even for an instant. The
     * caller closes the returned bundle when the run ends, which deletes the file.
     *
     * @throws IOException also when the directory's file system has no POSIX permissions, since then
     *     0600 cannot be guaranteed
     */
    public CaBundle writeCaBundle(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Path dir = directory.toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        Path target = dir.resolve("airlock-ca-" + runId + ".pem");
        Path temp;
        try {
            temp = Files.createTempFile(dir, ".airlock-ca-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot create a 0600 file in " + dir + ": no POSIX permissions there", e);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(certificatePem().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return new CaBundle(target);
    }

    /**
     * Signs a server certificate for {@code host} over {@code leafKey}, valid no longer than this CA.
     *
     * @throws IllegalStateException once the run's lifetime is over: minting then would only produce
     *     certificates every client rejects
     */
    X509Certificate issueServerCertificate(HostName host, PublicKey leafKey) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (!validity.contains(now)) {
            throw new IllegalStateException("run " + runId + " authority is outside its validity " + validity);
        }
        Instant notBefore = max(now.minus(CLOCK_SKEW_ALLOWANCE), validity.notBefore());
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    caName, newSerial(), Date.from(notBefore), Date.from(validity.notAfter()), leafName(host), leafKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(subjectAltName(host)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(leafKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            return sign(builder);
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot encode a certificate for " + host, e);
        }
    }

    /** A new P-256 key pair from this authority's random source, for leaves. */
    KeyPair newLeafKeyPair() {
        try {
            return newEcKeyPair(random);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate EC P-256 keys", e);
        }
    }

    @Override
    public String toString() {
        return "RunAuthority[" + runId + ", " + validity + "]";
    }

    private X509Certificate selfSign(PublicKey caPublicKey) throws GeneralSecurityException {
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    caName, newSerial(), Date.from(validity.notBefore()), Date.from(validity.notAfter()), caName, caPublicKey);
            // pathLen 0: this CA signs leaves only, so a leaked leaf key cannot mint further certificates.
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(caPublicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(caPublicKey));
            return sign(builder);
        } catch (CertIOException e) {
            throw new GeneralSecurityException("cannot encode the CA certificate", e);
        }
    }

    private X509Certificate sign(X509v3CertificateBuilder builder) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).setSecureRandom(random).build(caKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("cannot sign with the run CA", e);
        }
    }

    private static X500Name leafName(HostName host) {
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Airlock");
        // Clients match the SAN, never the CN; the CN is only for humans reading the certificate, and
        // X.509 caps it at 64 characters, which long virtual-hosted S3 names exceed.
        if (host.value().length() <= 64) {
            name.addRDN(BCStyle.CN, host.value());
        }
        return name.build();
    }

    private static GeneralName subjectAltName(HostName host) {
        return host.ipAddress()
                .map(address -> new GeneralName(GeneralName.iPAddress, new DEROctetString(address.getAddress())))
                .orElseGet(() -> new GeneralName(GeneralName.dNSName, host.value()));
    }

    private BigInteger newSerial() {
        // 159 random bits with the top one set: positive, non-zero and within RFC 5280's 20 octets.
        return new BigInteger(159, random).setBit(158);
    }

    private static KeyPair newEcKeyPair(SecureRandom random) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), random);
        return generator.generateKeyPair();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
