package dev.berth.images.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UploadFilesTest {

    private static byte[] block(String magic) {
        byte[] block = new byte[UploadFiles.BLOCK];
        byte[] bytes = magic.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, block, UploadFiles.MAGIC_OFFSET, bytes.length);
        return block;
    }

    @Test
    void knowsPosixAndGnuTarHeaders() {
        assertThat(UploadFiles.isTarHeader(block("ustar\u000000"))).isTrue();
        assertThat(UploadFiles.isTarHeader(block("ustar  \u0000"))).isTrue();
    }

    @Test
    void refusesWhatIsNoTar() {
        assertThat(UploadFiles.isTarHeader(block("gzip!"))).isFalse();
        assertThat(UploadFiles.isTarHeader(new byte[UploadFiles.BLOCK])).isFalse();
        assertThat(UploadFiles.isTarHeader(new byte[100])).isFalse();
    }
}
