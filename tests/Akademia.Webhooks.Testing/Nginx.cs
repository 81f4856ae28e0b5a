using System.Globalization;
using System.Text;

namespace Akademia.Webhooks.Testing;

/// <summary>One receipt in the access log: when, what status, which delivery.</summary>
public readonly record struct Receipt(double UnixMs, int Status, string MessageId, string Path);

/// <summary>
/// nginx from the distribution as the webhook receiver: one worker, a minimal configuration in a
/// temporary folder, started and stopped by pid. Three servers: <see cref="OkPort"/> answers 200,
/// <see cref="FailPort"/> answers 500, <see cref="FlakyPort"/> answers 500 until
/// <see cref="HealFlakyAsync"/> reloads it to answer 200. Every request is logged with its
/// arrival time (<c>$msec</c>) and its <c>webhook-id</c>; <c>stub_status</c> counts requests live.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private readonly string _dir;
    private readonly ChildProcess _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private long _logOffset;
    private long _statusPolls;

    private Nginx(string dir, ChildProcess process, int okPort, int failPort, int flakyPort, int statusPort)
    {
        _dir = dir;
        _process = process;
        OkPort = okPort;
        FailPort = failPort;
        FlakyPort = flakyPort;
        StatusPort = statusPort;
    }

    public int OkPort { get; }

    public int FailPort { get; }

    public int FlakyPort { get; }

    public int StatusPort { get; }

    public string AccessLog => Path.Combine(_dir, "access.log");

    public ChildProcess Process => _process;

    public static string Version()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nginx", "-v") { RedirectStandardError = true, UseShellExecute = false })!;
        var text = p.StandardError.ReadToEnd().Trim();
        p.WaitForExit();
        return text.Replace("nginx version: ", "", StringComparison.Ordinal);
    }

    public static async Task<Nginx> StartAsync(string root)
    {
        var dir = Path.Combine(root, "nginx");
        Directory.CreateDirectory(dir);
        int ok = Ports.Free(), fail = Ports.Free(), flaky = Ports.Free(), status = Ports.Free();
        await File.WriteAllTextAsync(Path.Combine(dir, "flaky.conf"), "return 500 \"failing\";\n");
        await File.WriteAllTextAsync(Path.Combine(dir, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 4096; }
            http {
                client_body_temp_path {{dir}}/body;
                proxy_temp_path {{dir}}/proxy;
                fastcgi_temp_path {{dir}}/fastcgi;
                uwsgi_temp_path {{dir}}/uwsgi;
                scgi_temp_path {{dir}}/scgi;
                log_format bench '$msec $status $http_webhook_id $uri';
                access_log {{dir}}/access.log bench buffer=256k flush=200ms;
                keepalive_requests 10000000;
                keepalive_timeout 120s;
                client_body_buffer_size 64k;
                default_type text/plain;
                server { listen 127.0.0.1:{{ok}}; location / { return 200 "ok"; } }
                server { listen 127.0.0.1:{{fail}}; location / { return 500 "failing"; } }
                server { listen 127.0.0.1:{{flaky}}; location / { include {{dir}}/flaky.conf; } }
                server { listen 127.0.0.1:{{status}}; access_log off; location / { stub_status; } }
            }
            """);
        var process = ChildProcess.Start("nginx", $"nginx -e {ChildProcess.Quote(Path.Combine(dir, "error.log"))} -p {ChildProcess.Quote(dir)} -c {ChildProcess.Quote(Path.Combine(dir, "nginx.conf"))}", dir, Path.Combine(dir, "nginx.out"));
        var nginx = new Nginx(dir, process, ok, fail, flaky, status);
        for (var i = 0; i < 100 && !await Ports.ListeningAsync(status); i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited during start-up:\n" + process.Tail() + "\n" + File.ReadAllText(Path.Combine(dir, "error.log")));
            }

            await Task.Delay(50);
        }

        return nginx;
    }

    /// <summary>Requests served so far (stub_status), not counting this method's own polls.</summary>
    public async Task<long> RequestsAsync()
    {
        var text = await _http.GetStringAsync(new Uri($"http://127.0.0.1:{StatusPort}/"));
        _statusPolls++;
        // "Active connections: 1 \nserver accepts handled requests\n 1 1 1 \nReading: ..."
        var numbers = text.Split('\n')[2].Trim().Split(' ');
        return long.Parse(numbers[2], CultureInfo.InvariantCulture) - _statusPolls;
    }

    /// <summary>Switches the flaky server to 200 with a configuration reload (SIGHUP).</summary>
    public async Task HealFlakyAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "flaky.conf"), "return 200 \"ok\";\n");
        _process.Signal("HUP");
        // The reload starts a new worker and retires the old one once its requests finish.
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            using var response = await probe.PostAsync(new Uri($"http://127.0.0.1:{FlakyPort}/probe"), new StringContent(""));
            if ((int)response.StatusCode == 200)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("nginx did not reload the flaky server");
    }

    public async Task BreakFlakyAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "flaky.conf"), "return 500 \"failing\";\n");
        _process.Signal("HUP");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 100; i++)
        {
            using var response = await probe.PostAsync(new Uri($"http://127.0.0.1:{FlakyPort}/probe"), new StringContent(""));
            if ((int)response.StatusCode == 500)
            {
                return;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException("nginx did not reload the flaky server");
    }

    /// <summary>Marks the current end of the access log; <see cref="ReadReceiptsAsync"/> reads from here.</summary>
    public async Task MarkAsync()
    {
        await FlushLogAsync();
        _logOffset = new FileInfo(AccessLog).Exists ? new FileInfo(AccessLog).Length : 0;
    }

    /// <summary>Receipts logged since the last <see cref="MarkAsync"/> (after the log buffer flushed).</summary>
    public async Task<List<Receipt>> ReadReceiptsAsync()
    {
        await FlushLogAsync();
        var receipts = new List<Receipt>();
        if (!File.Exists(AccessLog))
        {
            return receipts;
        }

        await using var stream = new FileStream(AccessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(_logOffset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length < 4)
            {
                continue;
            }

            receipts.Add(new Receipt(
                double.Parse(parts[0], CultureInfo.InvariantCulture) * 1000,
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                parts[2],
                parts[3]));
        }

        return receipts;
    }

    // The log is written in 256 KB buffers flushed every 200 ms.
    private static Task FlushLogAsync() => Task.Delay(450);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.StopAsync(TimeSpan.FromSeconds(10));
    }
}
