using System.Diagnostics;
using System.Net;
using System.Text;

namespace Tributary.Bench.Graph;

/// <summary>
/// A bounded closed-loop load: <c>concurrency</c> workers send <c>count</c> requests in total, each
/// waiting for its answer before the next, so the server is never pushed past what it can answer.
/// </summary>
public sealed class LoadLoop(HttpClient client, int concurrency, int count)
{
    /// <summary>Runs the loop and returns the measured figures.</summary>
    public async Task<LoadResult> RunAsync(string name, Func<HttpRequestMessage> request)
    {
        var latencies = new double[count];
        var next = -1;
        var failures = 0;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }

                var t0 = Stopwatch.GetTimestamp();
                using var message = request();
                using var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                // Every answer must carry the row: a fast error is not a result.
                if (response.StatusCode != HttpStatusCode.OK || !Encoding.UTF8.GetString(body).Contains("\"username\"", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Array.Sort(latencies);
        return new LoadResult(name, count, failures, count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
