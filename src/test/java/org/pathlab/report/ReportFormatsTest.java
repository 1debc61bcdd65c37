package org.pathlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The figure is valid SVG that Batik rasterizes (written to target/figures/ to look at), and the CSV is tidy. */
class ReportFormatsTest {

  static Report report() {
    List<Report.ArmSummary> arms = new ArrayList<>();
    arms.add(arm("baseline", true, new double[] {0.52, 0.55, 0.51}));
    arms.add(arm("blur→sharp <lr 1e-3>", false, new double[] {0.60, 0.63, 0.58, 0.66, 0.61}));
    arms.add(arm("BR \"yes, yes\"", false, new double[] {0.53, 0.50, 0.57, 0.55, 0.56}));
    return new Report("e1", "figure-test", "fashion-mnist", "small-cnn", "finished", 13, 13, List.of("conv1", "conv2", "fc1"), arms);
  }

  static Report.ArmSummary arm(String name, boolean baseline, double[] losses) {
    List<Report.SeedResult> seeds = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      seeds.add(new Report.SeedResult(i + 1, "a-s" + (i + 1), "finished", 2, losses[i], 0.8, 9, List.of(4, 5), null));
      values.add(losses[i]);
    }
    return new Report.ArmSummary(name, baseline, "blur 1.00 @ lr 0.01 → clean @ lr 0.01", seeds, losses.length,
        Statistics.mean(values), Statistics.sd(values), Statistics.median(values), Statistics.meanInterval(values, 1),
        0.8, 0.01, baseline ? null : 0.05, null, baseline ? null : 0.01, baseline ? null : 0.03, "v", List.of(4.0, 5.0),
        12.0, 0.5, List.of(0.1, 0.2, 0.3), List.of(List.of(0.9, 0.7, 0.65), List.of(0.6, 0.55)));
  }

  @Test
  void theFigureIsValidSvgThatRasterizes() throws Exception {
    String svg = SvgFigure.render(report());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertEquals("svg", doc.getDocumentElement().getTagName());
    assertEquals(13, doc.getElementsByTagName("circle").getLength(), "one dot per seed");
    assertEquals(3, doc.getElementsByTagName("polygon").getLength(), "one violin per arm");
    assertTrue(svg.contains("stroke-dasharray"), "the baseline mean is a dotted line");

    ByteArrayOutputStream png = new ByteArrayOutputStream();
    new PNGTranscoder().transcode(
        new TranscoderInput(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))), new TranscoderOutput(png));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertTrue(image.getWidth() > 300 && image.getHeight() > 300);
    int colored = 0;
    for (int x = 0; x < image.getWidth(); x++) {
      for (int y = 0; y < image.getHeight(); y++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int b = rgb & 0xff;
        if (Math.abs(r - b) > 80) colored++;
      }
    }
    assertTrue(colored > 200, "the seed dots are drawn in color: " + colored + " colored pixels");
    Path out = Files.createDirectories(Path.of("target/figures"));
    Files.write(out.resolve("report-figure.png"), png.toByteArray());
  }

  @Test
  void theLearningCurvesAreValidSvgThatRasterizes() throws Exception {
    String svg = SvgCurves.render(report());
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertEquals(3, doc.getElementsByTagName("polyline").getLength(), "one curve per arm");
    assertTrue(svg.contains("&lt;lr 1e-3&gt;"), "arm names are escaped");
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    new PNGTranscoder().transcode(
        new TranscoderInput(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))), new TranscoderOutput(png));
    Path out = Files.createDirectories(Path.of("target/figures"));
    Files.write(out.resolve("report-curves.png"), png.toByteArray());
    assertTrue(png.size() > 1000);
  }

  @Test
  void theCsvHasOneQuotedRowPerSeed() {
    String csv = CsvReport.render(report());
    List<String> lines = csv.lines().toList();
    assertEquals(1 + 13, lines.size());
    assertTrue(lines.get(0).startsWith("experiment,arm,baseline,seed,run_id,status,target_test_loss"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("e1,\"BR \"\"yes, yes\"\"\",false,1,")), csv);
    assertTrue(lines.get(1).contains(",0.52,"), lines.get(1));
  }
}
