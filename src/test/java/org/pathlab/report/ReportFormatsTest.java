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
import org.pathlab.model.SmallCnnWidths;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** The figure is valid SVG that Batik rasterizes (written to target/figures/ to look at), and the CSV is tidy. */
class ReportFormatsTest {

  static Report report() {
    List<Report.ArmSummary> arms = new ArrayList<>();
    arms.add(arm("baseline", true, new double[] {0.52, 0.55, 0.51}));
    arms.add(arm("blur→sharp <lr 1e-3>", false, new double[] {0.60, 0.63, 0.58, 0.66, 0.61}));
    arms.add(arm("BR \"yes, yes\"", false, new double[] {0.53, 0.50, 0.57, 0.55, 0.56}));
    return report("e1", "figure-test", 13, List.of("conv1", "conv2", "fc1"), arms, "bilinear");
  }

  static Report report(String id, String scenario, int tasks, List<String> stages, List<Report.ArmSummary> arms, String blurFilter) {
    return new Report(id, scenario, "fashion-mnist", "small-cnn", "finished", tasks, tasks, stages, arms, 0, blurFilter, 8,
        arms.size() - 1,
        ReportBuilder.powerBasis(SvgFigure.losses(arms.get(0)), 0.02), ReportBuilder.NOTES, SmallCnnWidths.DEFAULT, "test-loss", "fp32");
  }

  static List<Report.SeedResult> seeds(double[] losses) {
    List<Report.SeedResult> seeds = new ArrayList<>();
    for (int i = 0; i < losses.length; i++) {
      seeds.add(new Report.SeedResult(i + 1, "a-s" + (i + 1), "finished", 2, losses[i], 0.8 + 0.01 * i, 9, List.of(4, 5), null, true,
          List.of(), null));
    }
    return seeds;
  }

  static Report.ArmSummary arm(String name, boolean baseline, double[] losses) {
    List<Report.SeedResult> seeds = seeds(losses);
    List<Double> values = new ArrayList<>();
    for (double loss : losses) values.add(loss);
    List<Report.SeedResult> reference = seeds(new double[] {0.52, 0.55, 0.51});
    Report.Contrasts vs = baseline ? null : new Report.Contrasts(
        Contrast.of("baseline", org.pathlab.scenario.Metric.TEST_LOSS, seeds, reference).withHolm(0.02),
        Contrast.of("baseline", org.pathlab.scenario.Metric.TEST_ACCURACY, seeds, reference).withHolm(0.5));
    return new Report.ArmSummary(name, baseline, "blur 1.00 @ lr 0.01 → clean @ lr 0.01", seeds, losses.length,
        Statistics.mean(values), Statistics.sd(values), Statistics.median(values), Statistics.meanInterval(values),
        0.8, 0.01, baseline ? null : 0.05, null, null, baseline ? null : 0.01, baseline ? null : 0.02, baseline ? null : 0.03,
        baseline ? null : "exact", baseline ? null : 0.09, "v", new Report.Training(2, 9.0, 0), List.of(4.0, 5.0),
        12.0, 0.5, List.of(0.1, 0.2, 0.3), List.of(List.of(0.9, 0.7, 0.65), List.of(0.6, 0.55)), null, vs, null, null, null);
  }

  /** An arm on a generated 2-D path: its shape as the report builder derives it from the path's levels. */
  static Report.ArmSummary arm2d(String name, List<org.pathlab.path.Task> tasks, double[] losses) {
    Report.ArmSummary a = arm(name, false, losses);
    var path = new org.pathlab.path.LearningPath(tasks.stream()
        .map(t -> new org.pathlab.path.Step(t, org.pathlab.path.LearningProcess.paperDefaults())).toList());
    return new Report.ArmSummary(a.arm(), false, a.path(), a.seeds(), a.finished(), a.meanLoss(), a.sdLoss(), a.medianLoss(),
        a.lossCi(), a.meanAccuracy(), a.sdAccuracy(), a.gap(), a.gapCi(), a.hedgesG(), a.welchP(), a.welchPHolm(),
        a.mannWhitneyP(), a.mannWhitneyMethod(), a.detectableGap(), a.verdict(),
        new Report.Training(tasks.size(), 5.0 * tasks.size(), 0), a.meanBestEpochs(), a.meanWeightNorm(), a.meanBiasNorm(),
        a.meanDeadRelu(), a.meanValidationCurves(), Report.PathShape.of(path), a.vsBaseline(), null, null, null);
  }

  @Test
  void pathShapesAreReadFromTheLevels() {
    Report.PathShape ab = arm2d("x", org.pathlab.path.PathGenerators.aThenB("blur", "contrast", 4), new double[] {1}).shape();
    assertEquals(List.of("blur", "contrast", "blur then contrast", 4), List.of(ab.first(), ab.second(), ab.order(), ab.steps()));
    assertEquals(7, ab.levels().size(), "2N − 1 tasks");
    // b-then-a names the pair in canonical order and says contrast moves first
    Report.PathShape ba = arm2d("x", org.pathlab.path.PathGenerators.aThenB("contrast", "blur", 2), new double[] {1}).shape();
    assertEquals(List.of("blur", "contrast", "contrast then blur", 2), List.of(ba.first(), ba.second(), ba.order(), ba.steps()));
    Report.PathShape d = arm2d("x", org.pathlab.path.PathGenerators.diagonal("shift", "blur", 6), new double[] {1}).shape();
    assertEquals(List.of("blur", "shift", "diagonal", 6), List.of(d.first(), d.second(), d.order(), d.steps()));
    assertEquals(null, Report.PathShape.of(new org.pathlab.path.LearningPath(org.pathlab.path.PathGenerators.discretize("blur", 3)
        .stream().map(t -> new org.pathlab.path.Step(t, org.pathlab.path.LearningProcess.paperDefaults())).toList())),
        "a 1-D path has no 2-D shape");
  }

  @Test
  void theTwoDGridIsValidSvgWithACellPerOrderThatRasterizes() throws Exception {
    List<Report.ArmSummary> arms = new ArrayList<>();
    arms.add(arm("baseline", true, new double[] {0.52, 0.55, 0.51}));
    double bump = 0;
    for (String order : List.of("ab", "ba", "diag")) {
      for (int n : new int[] {2, 4}) {
        var tasks = switch (order) {
          case "ab" -> org.pathlab.path.PathGenerators.aThenB("blur", "contrast", n);
          case "ba" -> org.pathlab.path.PathGenerators.aThenB("contrast", "blur", n);
          default -> org.pathlab.path.PathGenerators.diagonal("blur", "contrast", n);
        };
        bump += 0.01;
        arms.add(arm2d(order + " N = " + n, tasks, new double[] {0.6 - bump, 0.62 - bump, 0.58 - bump}));
      }
    }
    Report report = report("e2", "grid-test", 30, List.of("conv1"), arms, "area");
    assertTrue(SvgGrid.applies(report));
    assertTrue(!SvgGrid.applies(report()), "no grid without 2-D arms");
    String svg = SvgGrid.render(report);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    assertEquals(6, doc.getElementsByTagName("polygon").getLength(), "one violin per 2-D arm");
    assertEquals(3, doc.getElementsByTagName("polyline").getLength(), "one path inset per cell");
    assertEquals(3, svg.split("stroke-dasharray", -1).length - 1, "the baseline mean in each cell");
    for (String title : List.of("blur then contrast", "contrast then blur", "diagonal", "blur × contrast", "N = 2", "N = 4")) {
      assertTrue(svg.contains(">" + title + "<"), title);
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    new PNGTranscoder().transcode(
        new TranscoderInput(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))), new TranscoderOutput(png));
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
    assertTrue(image.getWidth() > 600, "three cells side by side: " + image.getWidth());
    Path out = Files.createDirectories(Path.of("target/figures"));
    Files.write(out.resolve("report-grid.png"), png.toByteArray());
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
    // columns added since the first version come after verdict: scripts reading by position keep working
    assertTrue(lines.get(0).contains(",welch_p,mann_whitney_p,verdict,arm_ci_method,gap_ci_method,welch_p_holm,"
        + "mann_whitney_method,hedges_g,hedges_g_ci_low,hedges_g_ci_high,detectable_gap,arm_mean_epochs,arm_capped_runs,"
        + "converged,capped_tasks"), lines.get(0));
    int columns = fields(lines.get(0)).size();
    assertTrue(lines.get(4).startsWith("e1,blur→sharp <lr 1e-3>,false,1,a-s1,finished,0.6,0.8,9,4 5,"), lines.get(4));
    assertTrue(lines.get(4).contains(",v,t,,0.02,exact,"), lines.get(4));
    assertTrue(lines.get(4).contains(",0.09,9,0,true,,test-loss,,unpaired,"), lines.get(4));
    for (String line : lines) assertEquals(columns, fields(line).size(), line);
  }

  @Test
  void aNameThatASpreadsheetWouldRunIsWrittenAsText() {
    assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvReport.field("=HYPERLINK(\"http://x\",\"y\")"));
    assertEquals("'@SUM(A1)", CsvReport.field("@SUM(A1)"));
    assertEquals("'+cmd", CsvReport.field("+cmd"));
    assertEquals("\"'\rx\"", CsvReport.field("\rx"));
    // numbers are numbers: a negative gap or an exponent is not a formula
    assertEquals("-0.0062", CsvReport.field("-0.0062"));
    assertEquals("-2.5e-20", CsvReport.field("-2.5e-20"));
    assertEquals("+0.0161", CsvReport.field("+0.0161"));
    assertEquals("blur→sharp", CsvReport.field("blur→sharp"));
    Report r = report("e1", "x", 2, List.of(), List.of(arm("baseline", true, new double[] {0.5, 0.6}),
        arm("=1+1", false, new double[] {0.7, 0.8})), "bilinear");
    assertTrue(CsvReport.render(r).contains("\ne1,'=1+1,false,1,"), CsvReport.render(r));
  }

  /** A CSV line's fields (RFC 4180 quoting). */
  static List<String> fields(String line) {
    return CsvReanalysis.fields(line);
  }
}
