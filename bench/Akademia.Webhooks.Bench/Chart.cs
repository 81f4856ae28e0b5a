using ScottPlot;

namespace Akademia.Webhooks.Bench;

/// <summary>The PNG: deliveries/s over time (median throughput run of each configuration) above latency over time.</summary>
public static class Chart
{
    public static void Save(Report report, string path)
    {
        var multiplot = new Multiplot();
        multiplot.AddPlots(2);
        var throughput = multiplot.GetPlot(0);
        foreach (var series in report.ThroughputSeries.Where(s => s.Seconds.Length > 0))
        {
            var line = throughput.Add.Scatter(series.Seconds, series.Values);
            line.LegendText = series.Name;
            line.MarkerSize = 3;
        }

        throughput.Title($"Throughput at the receiver (median run){(report.Quick ? " — quick run" : "")}");
        throughput.XLabel("seconds since the first publish");
        throughput.YLabel("deliveries/s");
        throughput.ShowLegend(Alignment.UpperRight);
        throughput.Axes.SetLimitsY(0, Math.Max(1, report.ThroughputSeries.SelectMany(s => s.Values).DefaultIfEmpty(1).Max() * 1.15));

        var latency = multiplot.GetPlot(1);
        foreach (var series in report.LatencySeries.Where(s => s.Seconds.Length > 0))
        {
            var line = latency.Add.Scatter(series.Seconds, series.Values);
            line.LegendText = series.Name;
            line.MarkerSize = 3;
        }

        latency.Title("Latency at a fixed publish rate, per second (median run)");
        latency.XLabel("seconds since the first publish");
        latency.YLabel("ms");
        latency.ShowLegend(Alignment.UpperRight);
        latency.Axes.SetLimitsY(0, Math.Max(1, report.LatencySeries.SelectMany(s => s.Values).DefaultIfEmpty(1).Max() * 1.15));
        multiplot.SavePng(path, 1000, 800);
    }
}
