using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Tributary.Fleet.Tests;

public sealed class FleetOptionsTests
{
    [Fact]
    public void Defaults_are_the_documented_ones_and_valid()
    {
        var options = Resolve();

        Assert.Equal(100, options.MaxStations);
        Assert.Equal(300, options.MaxDownlinks);
        Assert.Equal(1_000_000_000, options.MaxBitrate);
        Assert.Equal(TimeSpan.FromSeconds(5), options.DeadAfter);
        Assert.Equal((0.75, 0.4, 0.6), (options.ScaleOutAbove, options.ScaleInBelow, options.TargetUtilisation));
        Assert.Equal(TimeSpan.FromMinutes(10), options.ScaleInCoolDown);
        Assert.Equal((1, 100), (options.MinMunits, options.MaxMunits));
        Assert.Equal(TimeSpan.FromMinutes(30), options.DrainDeadline);
        Assert.Equal(16, options.Process.Slots);
    }

    [Fact]
    public void Configuration_binds_from_the_Fleet_section()
    {
        var options = Resolve(("Fleet:MaxDownlinks", "2"), ("Fleet:DeadAfter", "00:00:03"), ("Fleet:Process:FirstPort", "18000"), ("Fleet:Process:JanusEnabled", "false"));

        Assert.Equal(2, options.MaxDownlinks);
        Assert.Equal(TimeSpan.FromSeconds(3), options.DeadAfter);
        Assert.Equal(18_000, options.Process.FirstPort);
        Assert.False(options.Process.JanusEnabled);
    }

    [Theory]
    [InlineData("Fleet:ScaleInBelow", "0.8", "ScaleInBelow (0.8) < TargetUtilisation (0.6) < ScaleOutAbove (0.75) must hold")]
    [InlineData("Fleet:MinMunits", "200", "MinMunits (200) must not exceed MaxMunits (100)")]
    [InlineData("Fleet:StationBitrate", "2000000000", "StationBitrate and DownlinkBitrate must not exceed MaxBitrate")]
    [InlineData("Fleet:MaxDownlinks", "0", "MaxDownlinks")]
    [InlineData("Fleet:DeadAfter", "00:00:00", "DeadAfter")]
    [InlineData("Fleet:Process:PortStride", "3", "PortStride must be at least 5")]
    [InlineData("Fleet:Process:FirstPort", "20100", "the TCP port blocks and the RTP port ranges overlap")]
    [InlineData("Fleet:Process:MunitIdPrefix", "a b", "MunitIdPrefix must be ASCII letters, digits or '-'")]
    public void Bad_settings_fail_at_start_naming_the_setting(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve((key, value)));

        Assert.Contains(message, string.Join(" ", error.Failures), StringComparison.Ordinal);
    }

    private static FleetOptions Resolve(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddTributaryFleet(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<FleetOptions>>().Value;
    }
}
