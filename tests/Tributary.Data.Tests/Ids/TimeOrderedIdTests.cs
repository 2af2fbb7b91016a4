using Tributary.Ids;

namespace Tributary.Data.Tests.Ids;

public sealed class TimeOrderedIdTests
{
    [Fact]
    public void Ids_made_in_one_millisecond_sort_in_creation_order()
    {
        var sequence = new TimeOrderedId();
        var ids = Enumerable.Range(0, 10_000).Select(_ => sequence.Next(1_800_000_000_000)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Ids_are_version_7_uuids_carrying_the_millisecond()
    {
        var id = new TimeOrderedId().Next(1_900_000_000_000);
        var guid = Guid.ParseExact(id, "N");

        Assert.Equal(7, guid.Version);
        Assert.Equal(1_900_000_000_000, Convert.ToInt64(id[..12], 16));
    }

    [Fact]
    public void A_clock_that_steps_back_never_yields_a_smaller_id()
    {
        var sequence = new TimeOrderedId();
        var later = sequence.Next(2_000_000_000_000);
        var earlier = sequence.Next(1_000_000_000_000);

        Assert.True(string.CompareOrdinal(earlier, later) > 0);
    }
}
