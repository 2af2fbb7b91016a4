namespace Tributary.Fleet.Scaling;

/// <summary>Starts and stops munits: local processes (<c>process</c>) or, later, pods of a StatefulSet (<c>kubernetes</c>).</summary>
public interface IMunitProvider
{
    /// <summary>The provider's configuration name (<c>process</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Starts one munit and returns the id it will report under; null when the provider cannot start another (for
    /// example no free port range). Returns once the start was requested, not once the munit reports.
    /// </summary>
    Task<string?> StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops a munit this provider started; false when it does not know the id (nothing changes).</summary>
    Task<bool> StopAsync(string munitId, CancellationToken cancellationToken);

    /// <summary>
    /// Which munits scale-in drains first when the provider can only stop some of them (a StatefulSet shrinks from its
    /// highest ordinal): munits ordered first are drained first, ties go to the emptiest. Null: any munit can be
    /// stopped, the emptiest are drained first.
    /// </summary>
    IComparer<string>? ScaleInOrder => null;
}
