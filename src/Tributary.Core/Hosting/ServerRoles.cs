namespace Tributary.Hosting;

/// <summary>The roles one <c>tributary</c> process can take (ARCHITECTURE.md, "One binary, several roles").</summary>
[Flags]
public enum ServerRoles
{
    /// <summary>No role.</summary>
    None = 0,
    /// <summary>GraphQL at <c>/graphql</c>.</summary>
    Api = 1,
    /// <summary>The <c>/signal</c> gateway and LL-HLS upload and playback.</summary>
    Edge = 2,
    /// <summary>A munit: one Janus process and its regulator.</summary>
    Media = 4,
    /// <summary>Studio sessions.</summary>
    Studio = 8,
    /// <summary>Placement, scaling, outbox dispatch, webhooks.</summary>
    Control = 16,
    /// <summary>Everything in one process.</summary>
    All = Api | Edge | Media | Studio | Control,
}
