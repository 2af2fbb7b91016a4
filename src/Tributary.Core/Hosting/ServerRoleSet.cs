namespace Tributary.Hosting;

/// <summary>The roles this process runs, registered as a singleton so areas can ask.</summary>
public sealed record ServerRoleSet(ServerRoles Roles)
{
    /// <summary>True when this process runs <paramref name="role"/>.</summary>
    public bool Has(ServerRoles role) => (Roles & role) == role;
}
