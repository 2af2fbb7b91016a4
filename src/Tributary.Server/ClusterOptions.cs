namespace Tributary.Server;

/// <summary>Section <c>Cluster</c>: how this silo finds the others.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>
    /// <c>localhost</c> (default: a single in-process silo, nothing to run) or <c>redis</c>
    /// (membership and grain state in Redis at <see cref="RedisConnectionString"/>).
    /// </summary>
    public string Provider { get; set; } = "localhost";

    /// <summary>StackExchange.Redis configuration string, for <c>redis</c>. Default empty.</summary>
    public string? RedisConnectionString { get; set; }

    /// <summary>Silo-to-silo port. Default 11111, the Orleans convention.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000, the Orleans convention.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address silos advertise to each other. Default 127.0.0.1.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Cluster id: silos with the same id form one cluster. Default <c>tributary</c>.</summary>
    public string ClusterId { get; set; } = "tributary";

    /// <summary>Service id: stable across deployments, keys persisted grain state. Default <c>tributary</c>.</summary>
    public string ServiceId { get; set; } = "tributary";
}
