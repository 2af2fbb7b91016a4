using GraphQL.Types;

namespace Tributary.Api.Fleet;

/// <summary>GraphQL enum <c>MunitStatus</c>: a munit's state as placement sees it.</summary>
public sealed class MunitStatusType : EnumerationGraphType
{
    /// <summary>Defines the values.</summary>
    public MunitStatusType()
    {
        Name = "MunitStatus";
        Description = "A media unit's state: ACTIVE takes new stations; DRAINING keeps its stations but takes no new ones; STOPPED was taken out of service (revive it); DEAD is silent or its Janus is not healthy.";
        Add("ACTIVE", "ACTIVE", "Takes new stations.");
        Add("DRAINING", "DRAINING", "Keeps its stations until they end; takes no new ones.");
        Add("STOPPED", "STOPPED", "Out of service: its stations were moved; revive it to use it again.");
        Add("DEAD", "DEAD", "Silent for Fleet:DeadAfter, or its Janus is not healthy.");
    }
}
