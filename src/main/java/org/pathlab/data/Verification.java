package org.pathlab.data;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Checks the files a dataset would be read from (the same ones, in the same order of preference, as
 * its reader takes) against {@link Checksums}. Never throws for a wrong, damaged or unreadable
 * file: each becomes part of the verdict.
 */
final class Verification {

  /** {@code advice} is null where the dataset's usual "how to get it" fits. */
  record Verdict(Catalog.Check check, String detail, String advice) {}

  private Verification() {}

  /** Verifies dataset {@code name} in {@code dir}, a directory its locator returned. */
  static Verdict of(String name, Path dir) {
    return switch (name) {
      case Datasets.FASHION_MNIST -> fashionMnist(dir);
      case Datasets.MNIST -> mnist(dir);
      case Datasets.CIFAR_10 -> cifar10(dir);
      case Datasets.SVHN -> svhn(dir);
      default -> throw Datasets.unknown(name);
    };
  }

  private static Verdict fashionMnist(Path dir) {
    Findings findings = new Findings(Datasets.FASHION_MNIST);
    for (String base : IdxFiles.FILE_NAMES) {
      Path file = DatasetLocator.file(dir, base, Datasets.FASHION_MNIST);
      findings.compare(
          file, Digests.SHA_256, true, Checksums.FASHION_MNIST_CONTENT_SHA256.get(base));
    }
    return findings.verdict("SHA-256 of the content of its 4 files matches the official files'");
  }

  private static Verdict mnist(Path dir) {
    Findings findings = new Findings(Datasets.MNIST);
    for (String base : IdxFiles.FILE_NAMES) {
      // the reader prefers a raw file to the .gz beside it, so the raw one is what counts
      Path file = DatasetLocator.file(dir, base, Datasets.MNIST);
      String name = file.getFileName().toString();
      if (name.endsWith(".gz") && officialDownload(file, Checksums.MNIST_GZ_MD5.get(name))) continue;
      if (name.endsWith(".gz") || !findings.isFashionMnist(file, base)) {
        findings.compare(file, Digests.MD5, true, Checksums.MNIST_CONTENT_MD5.get(base));
      }
    }
    return findings.verdict("MD5 of its 4 files (the official .gz downloads, or their content) matches the published sums");
  }

  /** Whether {@code file} is the official download itself (its MD5 is {@code md5}); unreadable files are judged by the content check. */
  private static boolean officialDownload(Path file, String md5) {
    try {
      return Digests.ofFile(file, Digests.MD5).equals(md5);
    } catch (IOException e) {
      return false;
    }
  }

  private static Verdict cifar10(Path dir) {
    Findings findings = new Findings(Datasets.CIFAR_10);
    Path source = Cifar10.source(dir);
    if (Files.isDirectory(source)) {
      findings.unverified(
          "extracted batch files: the published checksum is for " + Cifar10.ARCHIVE,
          "To have it verified, delete the extracted batch files in " + source + " (they are"
              + " read in preference to the archive) and get the archive with `ops/datasets "
              + Datasets.CIFAR_10 + "`");
    } else {
      findings.compare(source, Digests.MD5, false, Checksums.CIFAR_10_ARCHIVE_MD5);
    }
    return findings.verdict(
        "MD5 of " + Cifar10.ARCHIVE + " matches the published sum (read without extracting it)");
  }

  private static Verdict svhn(Path dir) {
    Findings findings = new Findings(Datasets.SVHN);
    for (String name : Svhn.FILE_NAMES) {
      findings.compare(dir.resolve(name), Digests.MD5, false, Checksums.SVHN_MD5.get(name));
    }
    return findings.verdict(
        "MD5 of " + String.join(" and ", Svhn.FILE_NAMES) + " matches the published sums");
  }

  /** What one dataset's files turned out to be; a mismatch outweighs a file left unverified. */
  private static final class Findings {

    private final String dataset;
    private final List<String> mismatches = new ArrayList<>();
    private final List<String> unverified = new ArrayList<>();
    private String advice;

    Findings(String dataset) {
      this.dataset = dataset;
    }

    /** Compares the digest of {@code file} (of its content if {@code content}) to {@code expected}. */
    void compare(Path file, String algorithm, boolean content, String expected) {
      String what = content ? algorithm + " of its content" : algorithm;
      try {
        String actual =
            content ? Digests.ofContent(file, algorithm) : Digests.ofFile(file, algorithm);
        if (!actual.equals(expected)) {
          mismatches.add(file + ": " + what + " is " + actual + ", expected " + expected);
        }
      } catch (ZipException | EOFException e) {
        // a gzip stream that cannot be decompressed is damaged: not the official file either
        mismatches.add(file + ": damaged, it cannot be decompressed (" + e.getMessage() + ")");
      } catch (IOException e) {
        unverified(
            file + ": cannot be read (" + e + "), so its " + what + " is unknown",
            "Check that pathlab may read " + file);
      }
    }

    /**
     * Whether MNIST's raw {@code file} is the Fashion-MNIST file of the same name instead, recorded
     * as a mismatch: the two share file names and geometry, so nothing else would tell. A file
     * that cannot be read counts as found out too (it is recorded as unverified).
     */
    boolean isFashionMnist(Path file, String base) {
      try {
        String sha = Digests.ofContent(file, Digests.SHA_256);
        if (!sha.equals(Checksums.FASHION_MNIST_CONTENT_SHA256.get(base))) {
          return false;
        }
        mismatches.add(file + ": is Fashion-MNIST's " + base + " (by the SHA-256 of its content),"
            + " not MNIST's");
      } catch (IOException e) {
        unverified(file + ": cannot be read (" + e + ")", "Check that pathlab may read " + file);
      }
      return true;
    }

    /** A file that cannot be checked; {@code advice} says how to make it checkable. */
    void unverified(String reason, String advice) {
      unverified.add(reason);
      if (this.advice == null) {
        this.advice = advice;
      }
    }

    Verdict verdict(String verified) {
      if (!mismatches.isEmpty()) {
        String these = mismatches.size() == 1 ? "it" : "them";
        return new Verdict(
            Catalog.Check.MISMATCH,
            String.join("; ", mismatches)
                + " — not the official file" + (mismatches.size() == 1 ? "" : "s")
                + "; delete " + these + " and run `ops/datasets " + dataset + "`",
            null);
      }
      if (!unverified.isEmpty()) {
        return new Verdict(Catalog.Check.UNVERIFIED, String.join("; ", unverified), advice);
      }
      return new Verdict(Catalog.Check.VERIFIED, verified, null);
    }
  }
}
