package org.pathlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    private static Path dir;
    private static RawImages train;
    private static RawImages test;

    @TempDir Path tmp;

    @BeforeAll
    static void load() {
        dir = DatasetLocator.locate(DatasetLocator.FASHION_MNIST, List.of());
        long start = System.nanoTime();
        RawImages[] both = IdxFiles.readSet(dir, Datasets.FASHION_MNIST);
        System.out.printf("Fashion-MNIST read in %d ms%n", (System.nanoTime() - start) / 1_000_000);
        train = both[0];
        test = both[1];
    }

    @Test
    void readsTheOfficialFiles() {
        assertEquals(60_000, train.count());
        assertEquals(10_000, test.count());
        for (RawImages r : new RawImages[] {train, test}) {
            assertEquals(1, r.channels());
            assertEquals(28, r.height());
            assertEquals(28, r.width());
        }
        assertArrayEquals(filled(10, 6_000), classCounts(train.labels()));
        assertArrayEquals(filled(10, 1_000), classCounts(test.labels()));
        // the first training image is an ankle boot (class 9), a well-known fact of the dataset
        assertEquals(9, train.labels()[0]);
        assertTrue(nonZero(train.pixels()) > train.pixels().length / 4, "images are not blank");
    }

    @Test
    void rawCopyReadsIdentically() throws IOException {
        Path images = tmp.resolve(IdxFiles.TEST_IMAGES);
        Path labels = tmp.resolve(IdxFiles.TEST_LABELS);
        gunzip(DatasetLocator.file(dir, IdxFiles.TEST_IMAGES), images);
        gunzip(DatasetLocator.file(dir, IdxFiles.TEST_LABELS), labels);
        // a gzip-named file holding raw bytes must still be read: detection is by content
        Path misnamed = tmp.resolve("labels-but-raw.gz");
        Files.copy(labels, misnamed);

        RawImages raw = IdxFiles.read(images, misnamed);
        assertEquals(test.count(), raw.count());
        assertArrayEquals(test.pixels(), raw.pixels());
        assertArrayEquals(test.labels(), raw.labels());
    }

    @Test
    void truncatedImagesNameTheFile() throws IOException {
        Path labels = write("labels", labelFile(new int[] {1, 2, 3}));
        byte[] full = imageFile(3, 4, 4);
        Path images = write("short-images", Arrays.copyOf(full, full.length - 5));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(images, labels));
        assertMentions(e, "short-images", "truncated");

        Path header = write("short-header", Arrays.copyOf(full, 10));
        e = assertThrows(DatasetException.class, () -> IdxFiles.read(header, labels));
        assertMentions(e, "short-header", "truncated");
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        Path labels = write("labels", labelFile(new int[] {1, 2, 3}));
        byte[] gz = gzip(imageFile(3, 4, 4));
        Path images = write("cut.gz", Arrays.copyOf(gz, gz.length - 12));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(images, labels));
        assertMentions(e, "cut.gz", "truncated");
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        Path labels = write("labels", labelFile(new int[] {1, 2, 3}));
        Path images = write("images", imageFile(3, 4, 4));
        // swapped arguments: the label file is offered as images
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(labels, images));
        assertMentions(e, tmp.resolve("images").toString(), "2049", "magic");
    }

    @Test
    void labelOutOfRangeNamesFileAndIndex() throws IOException {
        Path labels = write("bad-labels", labelFile(new int[] {0, 9, 3, 10}));
        Path images = write("images", imageFile(4, 4, 4));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(images, labels));
        assertMentions(e, "bad-labels", "index 3", "10");
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path labels = write("two-labels", labelFile(new int[] {0, 1}));
        Path images = write("three-images", imageFile(3, 4, 4));
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(images, labels));
        assertMentions(e, "two-labels", "three-images", "3", "2");
    }

    @Test
    void missingFileNamesIt() throws IOException {
        Path labels = write("labels", labelFile(new int[] {1}));
        Path images = tmp.resolve("no-such-images");
        DatasetException e = assertThrows(DatasetException.class, () -> IdxFiles.read(images, labels));
        assertMentions(e, "no-such-images", "not found");
    }

    @Test
    void locatorListsWhereItLooked() {
        Path a = tmp.resolve("root-a");
        Path b = tmp.resolve("root-b");
        Path sys = tmp.resolve("system");
        DatasetException e =
                assertThrows(
                        DatasetException.class,
                        () -> DatasetLocator.locate("fashion-mnist", List.of(a, b), List.of(sys)));
        assertMentions(
                e,
                a.resolve("fashion-mnist").toString(),
                a.toString() + ",",
                b.resolve("fashion-mnist").toString(),
                sys.toString(),
                "ops/datasets fashion-mnist",
                "apt-get install dataset-fashion-mnist",
                "$PATHLAB_DATA");
    }

    @Test
    void locatorFindsMixedRawAndGzipUnderRoot() throws IOException {
        Path found = tmp.resolve("data").resolve("fashion-mnist");
        Files.createDirectories(found);
        for (String name : List.of(IdxFiles.TRAIN_IMAGES, IdxFiles.TRAIN_LABELS)) {
            Files.createFile(found.resolve(name));
        }
        for (String name : List.of(IdxFiles.TEST_IMAGES, IdxFiles.TEST_LABELS)) {
            Files.createFile(found.resolve(name + ".gz"));
        }
        Path located =
                DatasetLocator.locate(
                        "fashion-mnist", List.of(tmp.resolve("empty"), tmp.resolve("data")), List.of());
        assertEquals(found.toAbsolutePath().normalize(), located);
        assertEquals(
                found.resolve(IdxFiles.TEST_LABELS + ".gz"),
                DatasetLocator.file(found, IdxFiles.TEST_LABELS));
        assertEquals(
                found.resolve(IdxFiles.TRAIN_LABELS),
                DatasetLocator.file(found, IdxFiles.TRAIN_LABELS));
        DatasetException e =
                assertThrows(DatasetException.class, () -> DatasetLocator.file(found, "nothing"));
        assertMentions(e, "nothing", "nothing.gz");
    }

    @Test
    void unknownDatasetListsKnownOnes() {
        DatasetException e =
                assertThrows(DatasetException.class, () -> DatasetLocator.locate("cifar-7", List.of()));
        assertMentions(e, "cifar-7", "fashion-mnist");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "message lacks '" + part + "': " + e.getMessage());
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(tmp.resolve(name), bytes);
    }

    private static byte[] imageFile(int count, int rows, int cols) throws IOException {
        return DatasetFiles.idxImages(count, rows, cols, (n, c, h, w) -> (((n * rows + h) * cols + w) * 7) & 0xff);
    }

    private static byte[] labelFile(int[] labels) throws IOException {
        return DatasetFiles.idxLabels(labels);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static void gunzip(Path from, Path to) throws IOException {
        if (!from.getFileName().toString().endsWith(".gz")) {
            Files.copy(from, to);
            return;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from))) {
            Files.copy(in, to);
        }
    }

    private static int[] classCounts(int[] labels) {
        int[] counts = new int[10];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    private static int nonZero(byte[] bytes) {
        int n = 0;
        for (byte b : bytes) {
            if (b != 0) {
                n++;
            }
        }
        return n;
    }
}
