package dev.warren.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The samples of a run and what is written from them: medians over rounds, Warren/raw ratios (the median
 * of the per-round ratios, since a round runs both contenders back to back), results.md, results.csv and
 * rounds.csv.
 */
final class ResultTable {
    private final List<Sample> samples = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    synchronized void add(Sample s) {
        samples.add(s);
    }

    void fact(String name, String value) {
        facts.put(name, value);
    }

    void note(String text) {
        notes.add(text);
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** One row of the summary. */
    record Row(String scenario, String size, String contender, String metric, double median, double min,
               double max, int rounds) {
    }

    /** One ratio row. */
    record Ratio(Pair pair, String size, double warren, double raw, double ratio, int rounds) {
        String verdict() {
            if (pair.informational() || Double.isNaN(ratio)) {
                return "";
            }
            return ratio >= pair.target() ? "met" : "MISSED";
        }
    }

    synchronized List<Row> rows() {
        Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
        for (Sample s : samples) {
            groups.computeIfAbsent(List.of(s.scenario(), s.size(), s.contender(), s.metric()), k -> new ArrayList<>())
                    .add(s.value());
        }
        List<Row> rows = new ArrayList<>();
        groups.forEach((k, v) -> rows.add(new Row(k.get(0), k.get(1), k.get(2), k.get(3), median(v),
                v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), v.size())));
        return rows;
    }

    synchronized List<Ratio> ratios() {
        List<Ratio> out = new ArrayList<>();
        List<String> sizes = samples.stream().map(Sample::size).distinct().toList();
        for (Pair p : Pair.ALL) {
            for (String size : sizes) {
                Map<Integer, Double> w = byRound(p.scenario(), size, p.warren(), p.metric());
                Map<Integer, Double> r = byRound(p.scenario(), size, p.raw(), p.metric());
                List<Double> perRound = new ArrayList<>();
                for (Map.Entry<Integer, Double> e : w.entrySet()) {
                    Double raw = r.get(e.getKey());
                    if (raw != null && raw > 0) {
                        perRound.add(e.getValue() / raw);
                    }
                }
                if (!perRound.isEmpty()) {
                    out.add(new Ratio(p, size, median(w.values()), median(r.values()), median(perRound),
                            perRound.size()));
                }
            }
        }
        return out;
    }

    private Map<Integer, Double> byRound(String scenario, String size, String contender, String metric) {
        return samples.stream().filter(s -> s.scenario().equals(scenario) && s.size().equals(size)
                        && s.contender().equals(contender) && s.metric().equals(metric))
                .collect(Collectors.toMap(Sample::round, Sample::value, (a, b) -> b, LinkedHashMap::new));
    }

    static double median(Collection<Double> values) {
        List<Double> v = values.stream().filter(Objects::nonNull).filter(d -> !d.isNaN()).sorted().toList();
        if (v.isEmpty()) {
            return Double.NaN;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    OptionalDouble value(String scenario, String size, String contender, String metric) {
        return rows().stream().filter(r -> r.scenario.equals(scenario) && r.size.equals(size)
                        && r.contender.equals(contender) && r.metric.equals(metric))
                .mapToDouble(Row::median).findFirst();
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.csv"), summaryCsv(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rounds.csv"), roundsCsv(), StandardCharsets.UTF_8);
    }

    String summaryCsv() {
        StringBuilder sb = new StringBuilder("scenario,size,contender,metric,median,min,max,rounds,baseline,"
                + "baseline_median,ratio_vs_baseline,target,verdict\n");
        List<Ratio> ratios = ratios();
        for (Row r : rows()) {
            Ratio ratio = ratios.stream().filter(x -> x.pair().scenario().equals(r.scenario) && x.size().equals(r.size)
                    && x.pair().warren().equals(r.contender) && x.pair().metric().equals(r.metric)
                    && !x.pair().informational()).findFirst()
                    .orElse(ratios.stream().filter(x -> x.pair().scenario().equals(r.scenario)
                            && x.size().equals(r.size) && x.pair().warren().equals(r.contender)
                            && x.pair().metric().equals(r.metric)).findFirst().orElse(null));
            sb.append(String.join(",", r.scenario, r.size, r.contender, r.metric, num(r.median), num(r.min),
                    num(r.max), Integer.toString(r.rounds),
                    ratio == null ? "" : ratio.pair().raw(), ratio == null ? "" : num(ratio.raw()),
                    ratio == null ? "" : fmt("%.3f", ratio.ratio()),
                    ratio == null || ratio.pair().informational() ? "" : fmt("%.2f", ratio.pair().target()),
                    ratio == null ? "" : ratio.verdict())).append('\n');
        }
        return sb.toString();
    }

    synchronized String roundsCsv() {
        StringBuilder sb = new StringBuilder("scenario,size,contender,round,metric,value\n");
        for (Sample s : samples) {
            sb.append(String.join(",", s.scenario(), s.size(), s.contender(), Integer.toString(s.round()),
                    s.metric(), num(s.value()))).append('\n');
        }
        return sb.toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("# Warren vs raw amqp-client — benchmark results\n\n");
        facts.forEach((k, v) -> sb.append("- ").append(k).append(": ").append(v).append('\n'));
        sb.append("\n## Warren/raw ratios (median of per-round ratios)\n\n");
        sb.append("| scenario | size | Warren | baseline | metric | Warren median | raw median | Warren/raw | target | |\n");
        sb.append("|---|---|---|---|---|---:|---:|---:|---|---|\n");
        for (Ratio r : ratios()) {
            String unit = r.pair().metric().equals(Sample.RATE) ? " msg/s" : r.pair().metric().equals(Sample.CPU) ? " µs/msg" : " µs";
            sb.append("| ").append(r.pair().scenario()).append(" | ").append(r.size()).append(" | ")
                    .append(r.pair().warren()).append(" | ").append(r.pair().raw()).append(" | ")
                    .append(r.pair().metric()).append(" | ").append(num(r.warren())).append(unit).append(" | ").append(num(r.raw())).append(unit)
                    .append(" | ").append(fmt("%.3f", r.ratio())).append(" | ")
                    .append(r.pair().informational() ? "—" : "≥ " + fmt("%.2f", r.pair().target()))
                    .append(" | ").append(r.verdict()).append(" |\n");
        }
        sb.append("\n## Every contender (median over rounds, min–max)\n\n");
        sb.append("| scenario | size | contender | msg/s | min–max | alloc B/msg | cpu µs/msg | p50 µs | p99 µs |"
                + " process msg/s |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<List<String>, Map<String, Row>> byContender = new LinkedHashMap<>();
        for (Row r : rows()) {
            byContender.computeIfAbsent(List.of(r.scenario, r.size, r.contender), k -> new LinkedHashMap<>())
                    .put(r.metric, r);
        }
        byContender.forEach((k, m) -> {
            if (k.get(0).equals("cost") || k.get(0).equals("idle")) {
                return;
            }
            Row rate = m.get(Sample.RATE);
            Row alloc = m.get(Sample.ALLOC);
            Row cpu = m.get(Sample.CPU);
            Row p50 = m.get(Sample.P50);
            Row p99 = m.get(Sample.P99);
            Row process = m.get(Sample.PROCESS_RATE);
            sb.append("| ").append(k.get(0)).append(" | ").append(k.get(1)).append(" | ").append(k.get(2))
                    .append(" | ").append(rate == null ? "" : num(rate.median))
                    .append(" | ").append(rate == null ? "" : num(rate.min) + "–" + num(rate.max))
                    .append(" | ").append(alloc == null ? "" : num(alloc.median))
                    .append(" | ").append(cpu == null ? "" : fmt("%.2f", cpu.median))
                    .append(" | ").append(p50 == null ? "" : fmt("%.0f", p50.median))
                    .append(" | ").append(p99 == null ? "" : fmt("%.0f", p99.median))
                    .append(" | ").append(process == null ? "" : num(process.median)).append(" |\n");
        });
        List<Row> cost = rows().stream().filter(r -> r.scenario.equals("cost") || r.scenario.equals("idle")).toList();
        if (!cost.isEmpty()) {
            sb.append("\n## Cost (while streaming, one contender at a time; idle activations)\n\n| contender | metric | value |\n|---|---|---:|\n");
            for (Row r : cost) {
                sb.append("| ").append(r.contender).append(" | ").append(r.metric).append(" | ")
                        .append(num(r.median)).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? fmt("%.0f", v) : fmt("%.2f", v);
    }

    static String fmt(String f, double v) {
        return String.format(Locale.ROOT, f, v);
    }
}
