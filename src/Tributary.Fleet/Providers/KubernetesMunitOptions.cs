using System.ComponentModel.DataAnnotations;

namespace Tributary.Fleet.Providers;

/// <summary>
/// Section <c>Fleet:Kubernetes</c>: the <c>kubernetes</c> provider scales the media StatefulSet of the Helm chart
/// (<c>deploy/helm/tributary</c>). Each pod's munit id must be its pod name (the chart sets <c>Media:Munit:Id</c> from it).
/// </summary>
public sealed class KubernetesMunitOptions
{
    /// <summary>
    /// The API server, e.g. <c>https://kubernetes.default.svc</c>. Default null: the in-cluster configuration (service
    /// account token and CA of the pod the control role runs in).
    /// </summary>
    public string? ApiServer { get; set; }

    /// <summary>The namespace of the StatefulSet. Default null: the pod's own namespace (in cluster), else <c>default</c>.</summary>
    public string? Namespace { get; set; }

    /// <summary>The media StatefulSet. Default <c>tributary-media</c>, the Helm chart's name for it.</summary>
    [Required]
    public string StatefulSet { get; set; } = "tributary-media";

    /// <summary>Most replicas the provider sets. Default 100, the autoscaler's default <c>MaxMunits</c>.</summary>
    [Range(1, 10_000)]
    public int MaxReplicas { get; set; } = 100;
}
