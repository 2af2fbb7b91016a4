using GraphQL.Types;
using Tributary.Fleet.Placement;
using Tributary.Fleet.Registry;

namespace Tributary.Api.Fleet;

/// <summary>GraphQL <c>Munit</c>: a media unit (one Janus and its regulator) as the fleet registry sees it.</summary>
public sealed class MunitType : ObjectGraphType<MunitView>
{
    /// <summary>Defines the fields.</summary>
    public MunitType()
    {
        Name = "Munit";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => ctx.Source.MunitId);
        Field<NonNullGraphType<MunitStatusType>>("status").Resolve(ctx => StatusOf(ctx.Source));
        Field<NonNullGraphType<IntGraphType>>("stations").Description("Stations (publisher uplinks) placed on it.").Resolve(ctx => ctx.Source.Stations);
        Field<NonNullGraphType<IntGraphType>>("rooms").Description("Rooms with a station on it.").Resolve(ctx => ctx.Source.Rooms);
        Field<IntGraphType>("downlinks").Description("Downlinks in its last report.").Resolve(ctx => ctx.Source.Downlinks);
        Field<FloatGraphType>("bitrate").Description("Bits per second in plus out, last report.").Resolve(ctx => ctx.Source.Bitrate);
        Field<StringGraphType>("host").Resolve(ctx => ctx.Source.Host);
        Field<StringGraphType>("janus").Description("Its Janus's health in the last report (Starting, Healthy, Restarting, Stopped).").Resolve(ctx => ctx.Source.Janus?.ToString());
        Field<DateTimeOffsetGraphType>("lastReportAt").Resolve(ctx => ctx.Source.LastReportAt);
        Field<NonNullGraphType<IntGraphType>>("assignedRooms").Description("Rooms an administrator assigned to it (assignRoom).").Resolve(ctx => ctx.Source.AssignedRooms);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("statusSince").Description("When it was last drained, revived or stopped (or joined).").Resolve(ctx => ctx.Source.LifecycleSince);
    }

    /// <summary>The enum value of <paramref name="munit"/>'s state.</summary>
    public static string StatusOf(MunitView munit) =>
        munit.Lifecycle == MunitLifecycle.Stopped ? "STOPPED"
        : munit.State switch
        {
            MunitState.Active => "ACTIVE",
            MunitState.Draining => "DRAINING",
            _ => "DEAD",
        };
}
