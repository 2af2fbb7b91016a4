namespace Tributary.Hosting;

/// <summary>Parses the comma list of <c>--roles</c>.</summary>
public static class ServerRolesParser
{
    /// <summary>Parses <paramref name="text"/> such as <c>api,edge</c>; returns false with an error naming the bad role.</summary>
    public static bool TryParse(string? text, out ServerRoles roles, out string? error)
    {
        roles = ServerRoles.None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            roles = ServerRoles.All;
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ServerRoles role = part.ToLowerInvariant() switch
            {
                "all" => ServerRoles.All,
                "api" => ServerRoles.Api,
                "edge" => ServerRoles.Edge,
                "media" => ServerRoles.Media,
                "studio" => ServerRoles.Studio,
                "control" => ServerRoles.Control,
                _ => ServerRoles.None,
            };
            if (role == ServerRoles.None)
            {
                error = $"Unknown role '{part}'. Roles: all, api, edge, media, studio, control.";
                return false;
            }

            roles |= role;
        }

        return true;
    }

    /// <summary>The canonical comma list for <paramref name="roles"/>.</summary>
    public static string Format(ServerRoles roles) =>
        roles == ServerRoles.All
            ? "all"
            : string.Join(',', Enum.GetValues<ServerRoles>()
                .Where(r => r is not ServerRoles.None and not ServerRoles.All && roles.HasFlag(r))
                .Select(r => r.ToString().ToLowerInvariant()));
}
