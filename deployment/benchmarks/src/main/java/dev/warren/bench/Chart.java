package dev.warren.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Draws results.png with java.awt in headless mode (no chart library): on top the Warren/raw ratio of
 * every pair with its target, below the median msg/s of every contender, bars scaled within each
 * scenario and size. {@link #bars} draws any sections of labelled values the same way (the container benchmark's
 * scaling curves).
 */
public final class Chart {
    private static final Color RAW = new Color(0x8c8c8c);
    private static final Color WARREN = new Color(0x2f6db5);
    private static final Color KOMBU = new Color(0xe0a030);
    private static final Color MISSED = new Color(0xc0392b);
    private static final int ROW = 22;
    private static final int LABEL = 430;
    private static final int BAR = 520;
    private static final int WIDTH = LABEL + BAR + 140;

    private Chart() {
    }

    /**
     * Draws sections of horizontal bars, each bar scaled to its section's largest value, with the value printed.
     *
     * @param file the PNG to write
     * @param title the chart's title
     * @param sections section heading to (bar label to value), in drawing order
     * @throws IOException when the file cannot be written
     */
    public static void bars(Path file, String title, Map<String, Map<String, Double>> sections) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int rows = sections.values().stream().mapToInt(Map::size).sum();
        int height = 60 + sections.size() * 40 + rows * ROW + 20;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 10, 24);
            int y = 40;
            for (Map.Entry<String, Map<String, Double>> section : sections.entrySet()) {
                y += 30;
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.drawString(section.getKey(), 10, y);
                y += 10;
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                double max = section.getValue().values().stream().filter(d -> !d.isNaN())
                        .mapToDouble(Double::doubleValue).max().orElse(1);
                for (Map.Entry<String, Double> bar : section.getValue().entrySet()) {
                    g.setColor(Color.BLACK);
                    g.drawString(bar.getKey(), 10, y + 15);
                    double v = bar.getValue();
                    int w = Double.isNaN(v) || max <= 0 ? 1 : (int) Math.max(1, v / max * BAR);
                    g.setColor(WARREN);
                    g.fillRect(LABEL, y + 4, w, ROW - 8);
                    g.setColor(Color.BLACK);
                    g.drawString(ResultTable.num(v), LABEL + w + 6, y + 15);
                    y += ROW;
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }

    static void write(ResultTable table, Path file, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<ResultTable.Ratio> ratios = table.ratios().stream()
                .filter(r -> r.pair().metric().equals(Sample.RATE)).toList();
        List<ResultTable.Row> rates = table.rows().stream().filter(r -> r.metric().equals(Sample.RATE)).toList();
        int height = 60 + 40 + ratios.size() * ROW + 60 + rates.size() * ROW + 30;
        BufferedImage img = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, 10, 24);
            int y = 60;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString("Warren / baseline throughput ratio (median of per-round ratios; dashed: target, solid: 1.0)",
                    10, y);
            y += 20;
            double maxRatio = Math.max(1.25, ratios.stream().mapToDouble(ResultTable.Ratio::ratio)
                    .filter(d -> !Double.isNaN(d)).max().orElse(1.25) * 1.05);
            double scale = BAR / maxRatio;
            int top = y;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (ResultTable.Ratio r : ratios) {
                g.setColor(Color.BLACK);
                g.drawString(r.pair().scenario() + " " + r.size() + ": " + r.pair().warren() + " / " + r.pair().raw(),
                        10, y + 15);
                boolean missed = r.verdict().equals("MISSED");
                g.setColor(r.pair().informational() ? RAW : missed ? MISSED : WARREN);
                int w = (int) Math.max(1, Math.min(maxRatio, r.ratio()) * scale);
                g.fillRect(LABEL, y + 4, w, ROW - 8);
                g.setColor(Color.BLACK);
                g.drawString(ResultTable.fmt("%.3f", r.ratio()) + (r.verdict().isEmpty() ? "" : " " + r.verdict()),
                        LABEL + w + 6, y + 15);
                if (!r.pair().informational()) {
                    int tx = LABEL + (int) (r.pair().target() * scale);
                    g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                            new float[] {4f, 3f}, 0f));
                    g.drawLine(tx, y + 1, tx, y + ROW - 1);
                    g.setStroke(new BasicStroke(1f));
                }
                y += ROW;
            }
            g.setColor(Color.DARK_GRAY);
            int one = LABEL + (int) scale;
            g.drawLine(one, top, one, y);
            y += 40;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
            g.drawString("Median msg/s per contender (bars scaled within each scenario and size)", 10, y);
            y += 10;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (ResultTable.Row r : rates) {
                double max = rates.stream().filter(o -> o.scenario().equals(r.scenario()) && o.size().equals(r.size()))
                        .mapToDouble(ResultTable.Row::median).max().orElse(1);
                g.setColor(Color.BLACK);
                g.drawString(r.scenario() + " " + r.size() + ": " + r.contender(), 10, y + 15);
                g.setColor(r.contender().startsWith("warren") ? WARREN : r.contender().startsWith("kombu") ? KOMBU : RAW);
                int w = (int) Math.max(1, r.median() / max * BAR);
                g.fillRect(LABEL, y + 4, w, ROW - 8);
                g.setColor(Color.BLACK);
                g.drawString(ResultTable.num(r.median()), LABEL + w + 6, y + 15);
                y += ROW;
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
