package io.trunkline.sandbox.modem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A connected pair of pseudo-terminals made by socat
 * ({@code socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B}): the service opens A, the stand-in B.
 */
public final class SocatPair implements AutoCloseable {
    private final Process process;
    private final Path hostSide;
    private final Path modemSide;

    private SocatPair(Process process, Path hostSide, Path modemSide) {
        this.process = process;
        this.hostSide = hostSide;
        this.modemSide = modemSide;
    }

    public static SocatPair start(Path hostSide, Path modemSide) throws IOException {
        Files.createDirectories(hostSide.toAbsolutePath().getParent());
        Files.deleteIfExists(hostSide);
        Files.deleteIfExists(modemSide);
        Process p = new ProcessBuilder(List.of("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + hostSide.toAbsolutePath(),
                "pty,raw,echo=0,link=" + modemSide.toAbsolutePath()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(Files.exists(hostSide) && Files.exists(modemSide))) {
            if (!p.isAlive() || System.nanoTime() > end) {
                p.destroyForcibly();
                throw new IOException("socat did not create " + hostSide + " / " + modemSide
                        + " (is socat installed? apt-get install socat)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
                throw new IOException("interrupted", e);
            }
        }
        return new SocatPair(p, hostSide.toAbsolutePath(), modemSide.toAbsolutePath());
    }

    public Path hostSide() {
        return hostSide;
    }

    public Path modemSide() {
        return modemSide;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(hostSide);
            Files.deleteIfExists(modemSide);
        } catch (IOException ignored) {
            // socat removes its links itself on a clean exit
        }
    }
}
