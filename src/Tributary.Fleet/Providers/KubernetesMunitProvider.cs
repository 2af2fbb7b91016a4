using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tributary.Fleet.Scaling;

namespace Tributary.Fleet.Providers;

/// <summary>
/// The <c>kubernetes</c> provider: a munit is a pod of the media StatefulSet, its id the pod name
/// (<c>{statefulset}-{ordinal}</c>). Start = one more replica (the new pod is the next ordinal); stop = one replica
/// fewer, which Kubernetes can only do for the highest ordinal, so stopping any other munit answers false (it stays
/// drained); <see cref="ScaleInOrder"/> makes scale-in drain the highest ordinals first. Uses the StatefulSet's
/// <c>scale</c> subresource only (GET and a merge PATCH). Not tried on a real cluster:
/// its requests are checked against a stub API server in the tests.
/// </summary>
public sealed partial class KubernetesMunitProvider : IMunitProvider, IDisposable
{
    private readonly KubernetesMunitOptions _options;
    private readonly IKubernetes _client;
    private readonly string _namespace;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>A provider talking to <see cref="KubernetesMunitOptions.ApiServer"/>, or in-cluster when unset.</summary>
    public KubernetesMunitProvider(KubernetesMunitOptions options, ILogger<KubernetesMunitProvider>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = logger ?? NullLogger<KubernetesMunitProvider>.Instance;
        var config = string.IsNullOrWhiteSpace(options.ApiServer)
            ? KubernetesClientConfiguration.InClusterConfig()
            : new KubernetesClientConfiguration { Host = options.ApiServer };
        _namespace = options.Namespace ?? config.Namespace ?? "default";
        _client = new Kubernetes(config);
    }

    /// <inheritdoc />
    public string Name => "kubernetes";

    /// <inheritdoc />
    public async Task<string?> StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replicas = await ReplicasAsync(cancellationToken).ConfigureAwait(false);
            if (replicas >= _options.MaxReplicas)
            {
                LogAtMax(_logger, _options.StatefulSet, replicas);
                return null;
            }

            await ScaleAsync(replicas + 1, cancellationToken).ConfigureAwait(false);
            return PodName(replicas);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<bool> StopAsync(string munitId, CancellationToken cancellationToken)
    {
        if (OrdinalOf(munitId) is not { } ordinal)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var replicas = await ReplicasAsync(cancellationToken).ConfigureAwait(false);
            if (ordinal != replicas - 1)
            {
                // A StatefulSet shrinks from its highest ordinal; removing this pod would only get it recreated.
                LogNotHighest(_logger, munitId, replicas);
                return false;
            }

            await ScaleAsync(replicas - 1, cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>Highest ordinal first; ids that are not this StatefulSet's pods last.</remarks>
    public IComparer<string> ScaleInOrder => Comparer<string>.Create((x, y) => (OrdinalOf(y) ?? -1).CompareTo(OrdinalOf(x) ?? -1));

    /// <inheritdoc />
    public void Dispose()
    {
        _client.Dispose();
        _gate.Dispose();
    }

    private async Task<int> ReplicasAsync(CancellationToken cancellationToken)
    {
        var scale = await _client.AppsV1.ReadNamespacedStatefulSetScaleAsync(_options.StatefulSet, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        return scale.Spec?.Replicas ?? 0;
    }

    private async Task ScaleAsync(int replicas, CancellationToken cancellationToken)
    {
        var patch = new V1Patch($"{{\"spec\":{{\"replicas\":{replicas.ToString(CultureInfo.InvariantCulture)}}}}}", V1Patch.PatchType.MergePatch);
        await _client.AppsV1.PatchNamespacedStatefulSetScaleAsync(patch, _options.StatefulSet, _namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogScaled(_logger, _options.StatefulSet, _namespace, replicas);
    }

    private string PodName(int ordinal) => $"{_options.StatefulSet}-{ordinal.ToString(CultureInfo.InvariantCulture)}";

    private int? OrdinalOf(string munitId)
    {
        var prefix = _options.StatefulSet + "-";
        return munitId is not null && munitId.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(munitId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal)
            ? ordinal
            : null;
    }

    [LoggerMessage(7050, LogLevel.Information, "StatefulSet {StatefulSet} in {Namespace} scaled to {Replicas}")]
    private static partial void LogScaled(ILogger logger, string statefulSet, string @namespace, int replicas);

    [LoggerMessage(7051, LogLevel.Warning, "StatefulSet {StatefulSet} is at its most replicas ({Replicas}): no munit started")]
    private static partial void LogAtMax(ILogger logger, string statefulSet, int replicas);

    [LoggerMessage(7052, LogLevel.Warning, "Munit {MunitId} is not the highest ordinal of {Replicas} replicas: a StatefulSet cannot remove it; it stays drained")]
    private static partial void LogNotHighest(ILogger logger, string munitId, int replicas);
}
